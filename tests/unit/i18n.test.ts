// Both catalogues hold the same keys, every key the renderer uses exists, and plural forms are
// complete — a missing translation fails here instead of showing a raw key to a user.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/locales/en.json';
import nl from '../../renderer/src/locales/nl.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? files(path) : /\.(svelte|ts)$/.test(f) ? [path] : [];
  });
}

// The base catalogue plus each feature file locales/<lang>/<feature>.json as section <feature>.
function load(lang: 'en' | 'nl', base: Tree): Map<string, string> {
  const tree: Tree = { ...base };
  const folder = resolve('renderer/src/locales', lang);
  for (const file of existsSync(folder) ? readdirSync(folder) : []) {
    if (file.endsWith('.json')) tree[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(folder, file), 'utf8')) as Tree;
  }
  return flatten(tree);
}

const catalogues = { en: load('en', en as Tree), nl: load('nl', nl as Tree) };
const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');

describe('i18n catalogues', () => {
  it('have exactly the same keys in English and Dutch', () => {
    const missingInNl = [...catalogues.en.keys()].filter((k) => !catalogues.nl.has(k));
    const missingInEn = [...catalogues.nl.keys()].filter((k) => !catalogues.en.has(k));
    expect({ missingInNl, missingInEn }).toEqual({ missingInNl: [], missingInEn: [] });
  });

  it('have no empty strings and keep every {{placeholder}} in both languages', () => {
    for (const [key, text] of catalogues.en) {
      expect(text.trim(), key).not.toBe('');
      const names = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
      expect(names(catalogues.nl.get(key) ?? ''), `nl ${key}`).toEqual(names(text));
    }
  });

  it('have an "_other" form for every plural key', () => {
    for (const catalogue of Object.values(catalogues)) {
      for (const key of catalogue.keys()) {
        if (PLURAL.test(key)) expect(catalogue.has(`${base(key)}_other`), key).toBe(true);
      }
    }
  });

  it('contain every key the renderer uses', () => {
    const known = new Set([...catalogues.en.keys()].map(base));
    const used = new Set<string>();
    for (const file of files(resolve('renderer/src'))) {
      const text = readFileSync(file, 'utf8');
      // t('a.b'), t("a.b"), i18n.t('a.b'); template keys like t(`study.rating.${r}`) are checked by prefix.
      for (const m of text.matchAll(/\bt\(\s*(['"`])([\w.-]+)(\$\{)?/g)) {
        const key = m[2]!;
        if (m[3]) expect([...known].some((k) => k.startsWith(key)), `${file}: ${key}…`).toBe(true);
        else used.add(key);
      }
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });
});
