import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { FoundText } from './texts.js';
import { readCatalogueDir } from '../../src/core/messages.js';

const LANGS = ['da', 'sv', 'en'] as const;
export type Catalogues = Record<(typeof LANGS)[number], Record<string, string>>;

export function readCatalogues(dir: string): Catalogues {
  return readCatalogueDir(dir);
}

/** The arguments of an ICU message with their kind (`n:plural`, `file:argument`), from the ICU parser's tree. */
export function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const kinds = ['literal', 'argument', 'number', 'date', 'time', 'select', 'plural', 'pound', 'tag'];
  const walk = (elements: unknown[]): void => {
    for (const e of elements as Array<{
      type: number;
      value?: unknown;
      options?: Record<string, { value: unknown[] }>;
      children?: unknown[];
    }>) {
      if (e.type !== 0 && e.type !== 7 && typeof e.value === 'string')
        names.add(`${e.value}:${kinds[e.type]}`);
      for (const option of Object.values(e.options ?? {})) walk(option.value);
      if (e.children) walk(e.children);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as unknown[]);
  return [...names].sort();
}

/** Every problem of the catalogues: a key missing or empty in a language, a bad message, arguments that differ. */
export function catalogueProblems(c: Catalogues): string[] {
  const problems: string[] = [];
  const keys = new Set(LANGS.flatMap((l) => Object.keys(c[l])));
  for (const key of [...keys].sort()) {
    const args: Record<string, string> = {};
    for (const l of LANGS) {
      const m = c[l][key];
      if (m === undefined) problems.push(`${key}: missing in ${l}`);
      else if (typeof m !== 'string' || m.trim() === '') problems.push(`${key}: empty in ${l}`);
      else {
        try {
          args[l] = argumentsOf(m).join(', ');
        } catch (e) {
          problems.push(`${key}: not ICU MessageFormat in ${l} (${(e as Error).message})`);
        }
      }
    }
    const distinct = new Set(Object.values(args));
    if (distinct.size > 1) {
      problems.push(
        `${key}: arguments differ (${Object.entries(args)
          .map(([l, a]) => `${l}: ${a || '-'}`)
          .join('; ')})`,
      );
    }
  }
  return problems;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return name.endsWith('.ts') ? [p] : [];
  });
}

/**
 * The catalogue keys the code names literally: `t(lang, 'k')`, `text('k')`, `userError('k')` (which
 * reads `k.msg`) and `texts('prefix', ['a', …])`, with the file that names each.
 */
export function keysUsed(dirs: string[]): Array<{ file: string; key: string }> {
  const used: Array<{ file: string; key: string }> = [];
  for (const file of dirs.flatMap(tsFiles)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\bt\(\s*[\w.]+\s*,\s*'([\w.]+)'/g)) used.push({ file, key: m[1]! });
    for (const m of src.matchAll(/\btext\(\s*'([\w.]+)'/g)) used.push({ file, key: m[1]! });
    for (const m of src.matchAll(/\buserError\(\s*'([\w.]+)'/g)) used.push({ file, key: `${m[1]!}.msg` });
    for (const m of src.matchAll(/\btexts\(\s*'([\w.]+)'\s*,\s*\[([^\]]*)\]/g)) {
      for (const n of m[2]!.matchAll(/'(\w+)'/g)) used.push({ file, key: `${m[1]!}.${n[1]!}` });
    }
  }
  return used;
}

/** The catalogue entries as texts, so the checks of catalogue.test.ts (no Danish that is English, …) cover them. */
export function catalogueTexts(dir: string): FoundText[] {
  const c = readCatalogues(dir);
  return Object.keys(c.da).map((key) => ({
    file: `${path.basename(dir)}/*.json ${key}`,
    line: 0,
    da: c.da[key] ?? null,
    sv: c.sv[key] ?? null,
    en: c.en[key] ?? null,
  }));
}
