import { describe, expect, it } from 'vitest';
import { negotiateLocale, parseAcceptLanguage, localeOfTag, withLang } from '@/lib/i18n/locales';

describe('negotiateLocale', () => {
  it('takes the lang parameter first, by its primary subtag', () => {
    expect(negotiateLocale('fr', 'es')).toBe('fr');
    expect(negotiateLocale('fr-CA', null)).toBe('fr');
    expect(negotiateLocale('ES', 'fr')).toBe('es');
  });
  it('falls through a language we do not have to Accept-Language, then English', () => {
    expect(negotiateLocale('de', 'es-MX,es;q=0.9,en;q=0.5')).toBe('es');
    expect(negotiateLocale('de', 'de-DE,de;q=0.9')).toBe('en');
    expect(negotiateLocale(null, null)).toBe('en');
    expect(negotiateLocale('', '')).toBe('en');
  });
  it('orders Accept-Language by q, ignores q=0 and *', () => {
    expect(parseAcceptLanguage('en;q=0.4, fr;q=0.8, *;q=0.1, es;q=0')).toEqual(['fr', 'en']);
    expect(negotiateLocale(null, 'de, en;q=0.2, fr;q=0.7')).toBe('fr');
    expect(negotiateLocale(null, 'fr;q=0, es')).toBe('es');
    expect(localeOfTag('pt-BR')).toBeUndefined();
  });
});

describe('withLang', () => {
  it('keeps an explicit language in a link, with its query and hash', () => {
    expect(withLang('/?city=toronto#map', 'fr')).toBe('/?city=toronto&lang=fr#map');
    expect(withLang('/embed/map', 'es-MX')).toBe('/embed/map?lang=es');
    expect(withLang('/?lang=en&city=x', 'fr')).toBe('/?lang=fr&city=x');
  });
  it('writes no language the link did not choose', () => {
    expect(withLang('/?city=toronto', null)).toBe('/?city=toronto');
    expect(withLang('/?city=toronto', 'de')).toBe('/?city=toronto');
  });
});
