/**
 * Every catalogue says everything English says: the same keys in every namespace, the same
 * {placeholders} and plural/select arguments in each message, no empty message. English is the
 * type of t() (i18n/app-config.d.ts), so a key missing from English fails the typecheck; this
 * test fails when French or Spanish lacks one, adds one, or drops an argument.
 */
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { MESSAGES } from '@/messages';
import { LOCALES } from '@/lib/i18n/locales';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** A message's arguments with their kinds ("count:plural", "name:argument"), sorted. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.argument) found.add(`${element.value}:argument`);
      else if (element.type === TYPE.number) found.add(`${element.value}:number`);
      else if (element.type === TYPE.date) found.add(`${element.value}:date`);
      else if (element.type === TYPE.time) found.add(`${element.value}:time`);
      else if (element.type === TYPE.plural || element.type === TYPE.select) {
        found.add(`${element.value}:${element.type === TYPE.plural ? 'plural' : 'select'}`);
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (element.type === TYPE.tag) {
        found.add(`<${element.value}>:tag`);
        walk(element.children);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const english = flatten(MESSAGES.en);

describe('message catalogues', () => {
  it('English has messages and each parses as ICU', () => {
    expect(english.size).toBeGreaterThan(0);
    for (const [key, message] of english) {
      expect(() => argumentsOf(message), key).not.toThrow();
    }
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    const catalogue = flatten(MESSAGES[locale]);
    it(`${locale} has every English key and no other`, () => {
      const missing = [...english.keys()].filter((key) => !catalogue.has(key));
      const extra = [...catalogue.keys()].filter((key) => !english.has(key));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });
    it(`${locale} keeps every message's arguments and leaves none empty`, () => {
      const wrong: string[] = [];
      for (const [key, message] of catalogue) {
        const reference = english.get(key);
        if (reference === undefined) continue;
        if (!message.trim()) wrong.push(`${key}: empty`);
        else if (argumentsOf(message).join() !== argumentsOf(reference).join())
          wrong.push(`${key}: ${argumentsOf(message).join()} ≠ ${argumentsOf(reference).join()}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});
