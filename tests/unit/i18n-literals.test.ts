/**
 * No words typed straight into the interface (tests/support/i18n-scan.ts): every .tsx under app/
 * and components/ renders its words through the catalogues. NOT_YET_TRANSLATED may only shrink.
 */
import { describe, expect, it } from 'vitest';
import { hasWords, tsxFiles, untranslated } from '../support/i18n-scan';

/** Files whose words are not yet in the catalogues: this list may only shrink. */
const NOT_YET_TRANSLATED = new Set<string>([]);

const FILES = [...tsxFiles('app'), ...tsxFiles('components')].sort();

describe('interface words come from the catalogues', () => {
  it('finds words typed into JSX (the scanner itself)', () => {
    expect(hasWords(' Show all ')).toBe(true);
    expect(hasWords(' · ')).toBe(false);
    expect(hasWords('Atlas 311')).toBe(false);
  });

  for (const file of FILES.filter((f) => !NOT_YET_TRANSLATED.has(f))) {
    it(`${file} has no untranslated words`, () => {
      expect(untranslated(file)).toEqual([]);
    });
  }

  it('the not-yet list names only files that still need it', () => {
    const done = [...NOT_YET_TRANSLATED].filter((file) => untranslated(file).length === 0);
    expect(done).toEqual([]);
  });
});
