/** The crosswalk contract: columns, one rule per key, categories only from the taxonomy. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCities } from '@/lib/cities';
import { CRIME_CATEGORIES, SERVICE_CATEGORIES, UNMAPPED_CATEGORY } from '@/lib/categories';
import { openDuckDb } from '@/lib/warehouse/duckdb/connection';
import { loadCrosswalk, parseCrosswalk } from '@/pipeline/crosswalk';
import { formatCrosswalk, proposeRows } from '@/scripts/make-crosswalk';

const ROOT = path.resolve(__dirname, '..', '..');

describe('parseCrosswalk', () => {
  it('reads group, group + subgroup and type rules', () => {
    const rows = parseCrosswalk(
      'group,subgroup,type,category\n"Street Lights",,,"Traffic, signs & lights"\n' +
        '"Damaged Property","Damaged Parking_Meter",,"Parking & vehicles"\n,,"Pick up Dead Animal","Animals & pests"\n',
      'x.csv',
      '311',
    );
    expect(rows).toEqual([
      { group: 'Street Lights', subgroup: null, type: null, category: 'Traffic, signs & lights' },
      {
        group: 'Damaged Property',
        subgroup: 'Damaged Parking_Meter',
        type: null,
        category: 'Parking & vehicles',
      },
      { group: null, subgroup: null, type: 'Pick up Dead Animal', category: 'Animals & pests' },
    ]);
  });

  it('still reads the older type,category form', () => {
    expect(
      parseCrosswalk('type,category\n"Pothole","Streets & sidewalks"\n', 'x.csv', '311'),
    ).toEqual([{ group: null, subgroup: null, type: 'Pothole', category: 'Streets & sidewalks' }]);
  });

  it('refuses a category outside the taxonomy, naming the file, line and value', () => {
    expect(() =>
      parseCrosswalk(
        'type,category\n"Pothole","Streets & sidewalks"\n"Pothole 2","Pothole"\n',
        'b.csv',
        '311',
      ),
    ).toThrow(/b\.csv line 3: "Pothole" is not a 311 category/);
    expect(() =>
      parseCrosswalk('type,category\n"Arson","Property crime"\n', 'b.csv', '311'),
    ).toThrow(/not a 311 category/);
    expect(() =>
      parseCrosswalk(`type,category\n"X","${UNMAPPED_CATEGORY}"\n`, 'b.csv', '311'),
    ).toThrow(/not a 311 category/);
  });

  it('refuses duplicate rules, a row naming both a group and a type, and unknown columns', () => {
    expect(() =>
      parseCrosswalk(
        'group,subgroup,type,category\n"A",,,"Noise"\n"A",,,"Graffiti"\n',
        'd.csv',
        '311',
      ),
    ).toThrow(/d\.csv line 3: duplicate rule/);
    expect(() =>
      parseCrosswalk('group,subgroup,type,category\n"A",,"T","Noise"\n', 'd.csv', '311'),
    ).toThrow(/either a type, or a group/);
    expect(() =>
      parseCrosswalk('group,subgroup,type,category\n,"S",,"Noise"\n', 'd.csv', '311'),
    ).toThrow(/either a type, or a group/);
    expect(() => parseCrosswalk('name,category\n"A","Noise"\n', 'd.csv', '311')).toThrow(
      /columns must be group, subgroup, type, category/,
    );
  });

  it('accepts every shipped crosswalk for its city kind', () => {
    for (const city of loadCities(path.join(ROOT, 'config', 'cities')).values()) {
      const file = path.join(ROOT, city.crosswalk);
      const rows = parseCrosswalk(readFileSync(file, 'utf8'), file, city.kind);
      expect(rows.length, city.id).toBeGreaterThan(0);
    }
  });
});

describe('docs/categories.md', () => {
  it('defines every category of the taxonomy', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'categories.md'), 'utf8');
    for (const category of [...SERVICE_CATEGORIES, ...CRIME_CATEGORIES]) {
      expect(doc, category).toMatch(
        new RegExp(`^\\| ${category.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|`, 'm'),
      );
    }
  });
});

describe('proposeRows (npm run crosswalk)', () => {
  it('proposes one group row for a new group, type rows for ungrouped types, and leaves the unknown undecided', () => {
    const { rows, undecided } = proposeRows(
      [
        { type: 'Street Light Knockdown', group: 'Street Lights', rows: 9 },
        { type: 'Street Light Other', group: 'Street Lights', rows: 2 },
        { type: 'Loud Music', group: null, rows: 4 },
        { type: 'Pothole', group: '311 Toronto', rows: 3 },
        { type: 'Food Alert - Unconfirmed', group: 'Health', rows: 2 },
      ],
      '311',
    );
    expect(rows).toEqual([
      { group: 'Street Lights', subgroup: null, type: null, category: 'Traffic, signs & lights' },
      { group: null, subgroup: null, type: 'Loud Music', category: 'Noise' },
      { group: null, subgroup: null, type: 'Pothole', category: 'Streets & sidewalks' },
    ]);
    expect(undecided.map((u) => u.type)).toEqual(['Food Alert - Unconfirmed']);
  });

  it('writes a file parseCrosswalk reads back unchanged', () => {
    const rows = [
      { group: null, subgroup: null, type: 'Say "hi"', category: 'Noise' },
      { group: 'B, with comma', subgroup: 'S', type: null, category: 'Graffiti' },
    ];
    const back = parseCrosswalk(formatCrosswalk(rows), 'x.csv', '311');
    expect(back).toEqual([rows[1], rows[0]]);
  });
});

describe('loadCrosswalk', () => {
  const boston = loadCities(path.join(ROOT, 'config', 'cities')).get('boston')!;
  const file = path.join(ROOT, boston.crosswalk);

  it('loads the rules and the channel map, keyed case-insensitively', async () => {
    const db = await openDuckDb(':memory:');
    try {
      const loaded = await loadCrosswalk(db, boston, file);
      expect(loaded.rules).toBeGreaterThan(40);
      const [phone] = await db.query<{ channel: string }>(
        `select channel from channel_map where raw = 'constituent call'`,
      );
      expect(phone?.channel).toBe('Phone');
    } finally {
      await db.close();
    }
  });

  it('refuses a channel listed twice under different case', async () => {
    const db = await openDuckDb(':memory:');
    try {
      const twice = { ...boston, channels: { Phone: 'Phone', ' phone': 'Phone' } as const };
      await expect(loadCrosswalk(db, twice, file)).rejects.toThrow(
        /boston: channels lists "phone" more than once/,
      );
    } finally {
      await db.close();
    }
  });
});
