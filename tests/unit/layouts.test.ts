import { describe, expect, it } from 'vitest';
import { ContractError, detectLayout, diffColumns } from '@/pipeline/layouts';
import { parseCityConfig, CityConfigError, loadCities } from '@/lib/cities';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { city, ROOT } from '../support/pipeline';

describe('detectLayout', () => {
  const sf = city('san-francisco');

  it('recognises each published San Francisco layout from its header', () => {
    expect(detectLayout(sf, ['service_request_id', 'requested_datetime', 'service_name']).id).toBe(
      'socrata-vw6y-z8j6',
    );
    expect(detectLayout(sf, ['CaseID', 'Opened', 'Request.Type', 'Category']).id).toBe(
      'legacy-dotted',
    );
    expect(
      detectLayout(sf, ['CaseID', 'Opened', 'Request Type', 'Responsible Agency', 'Category']).id,
    ).toBe('display-names');
  });

  it('lists what every layout expects when a header is unknown', () => {
    expect(() => detectLayout(sf, ['id', 'date'])).toThrow(ContractError);
    expect(() => detectLayout(sf, ['id', 'date'])).toThrow(
      /legacy-dotted: CaseID, Opened, Request.Type/,
    );
  });

  it('names a missing required column', () => {
    expect(() => detectLayout(sf, ['CaseID', 'Opened', 'Request.Type'])).toThrow(
      /missing required column "Category"/,
    );
  });
});

describe('diffColumns', () => {
  const layout = city('boston').layouts[0]!;
  it('reports added, removed and missing optional columns', () => {
    const header = ['case_enquiry_id', 'open_dt', 'case_status', 'type', 'new_col'];
    const drift = diffColumns(
      layout,
      ['case_enquiry_id', 'open_dt', 'case_status', 'type', 'latitude'],
      header,
    );
    expect(drift?.added).toEqual(['new_col']);
    expect(drift?.removed).toEqual(['latitude']);
    expect(drift?.missingOptional).toContain('closed_dt');
  });
});

describe('city configs', () => {
  it('all five validate and name their layouts consistently', () => {
    expect([...loadCities(path.join(ROOT, 'config', 'cities')).keys()]).toEqual([
      'boston',
      'minneapolis',
      'san-francisco',
      'seattle',
      'toronto',
    ]);
  });

  it('rejects a bad config with the file and field named', () => {
    const text = readFileSync(path.join(ROOT, 'config/cities/boston.json'), 'utf8').replace(
      '"timezone"',
      '"tz"',
    );
    expect(() => parseCityConfig(text, 'boston.json')).toThrow(CityConfigError);
    expect(() => parseCityConfig(text, 'boston.json')).toThrow(
      /boston.json is not a valid city config:\n {2}timezone/,
    );
    const unknownLayout = text.replace('"layout": "classic"', '"layout": "nope"');
    expect(() =>
      parseCityConfig(unknownLayout.replace('"tz"', '"timezone"'), 'boston.json'),
    ).toThrow(/samples.0 names unknown layout "nope"/);
  });
});
