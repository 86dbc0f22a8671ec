import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDictionary } from '@/scripts/data-dictionary';
import { ROOT } from '../support/pipeline';

describe('data dictionary', () => {
  const generated = buildDictionary(ROOT);

  it('documents every warehouse table with its grain and columns', () => {
    for (const table of [
      'dim_city',
      'dim_area',
      'fact_requests',
      'mart_area_month',
      'mart_resolution_hist',
      'mart_anomaly',
      'quarantine',
      'pipeline_runs',
    ]) {
      expect(generated).toContain(`## ${table}\n\nGrain: one row per`);
    }
    expect(generated).toMatch(
      /## mart_area_month[\s\S]*Built by `pipeline\/sql\/marts\/mart_area_month.sql`/,
    );
    expect(generated).toContain('| sla_due | bigint | no |');
  });

  it('is committed as generated (run `npm run dictionary` after changing the SQL)', () => {
    expect(readFileSync(path.join(ROOT, 'docs/data-dictionary.md'), 'utf8')).toBe(generated);
  });
});
