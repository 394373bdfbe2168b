import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AnalysisConfigSchema } from '../../src/analysis/config.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { unwrap } from '../../src/config/validate.js';
import { TrajectoriesConfigSchema } from '../../src/trajectories/config.js';

type AnySchema = z.core.$ZodType;
const defOf = (s: AnySchema) =>
  (s as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;

interface KeyDoc {
  /** the key as docs/config.md writes it: `sources[].csv.delimiter`, `analysis.quadrant.municipal` */
  path: string;
  /** the values an enum or literal allows */
  values: string[];
}

/** Every key of a schema, depth first; arrays add `[]`, free-key records `.<name>`. */
function configKeys(schema: AnySchema, at = ''): KeyDoc[] {
  const out: KeyDoc[] = [];
  const d = defOf(unwrap(schema));
  const enumValues = (s: AnySchema): string[] => {
    const e = defOf(unwrap(s));
    if (e.type === 'enum') return Object.values(e.entries as Record<string, string>).map(String);
    if (e.type === 'literal') return (e.values as unknown[]).map(String);
    if (e.type === 'array') return enumValues(e.element as AnySchema);
    return [];
  };
  if (d.type === 'object') {
    for (const [k, v] of Object.entries(d.shape as Record<string, AnySchema>)) {
      const p = at ? `${at}.${k}` : k;
      out.push({ path: p, values: enumValues(v) }, ...configKeys(v, p));
    }
  } else if (d.type === 'array') out.push(...configKeys(d.element as AnySchema, `${at}[]`));
  else if (d.type === 'record') {
    const keys = defOf(unwrap(d.keyType as AnySchema));
    // records keyed by an enum name their keys; free records take any name
    if (keys.type === 'enum')
      for (const k of Object.keys(keys.entries as Record<string, string>)) {
        out.push({ path: `${at}.${k}`, values: enumValues(d.valueType as AnySchema) });
        out.push(...configKeys(d.valueType as AnySchema, `${at}.${k}`));
      }
    else out.push(...configKeys(d.valueType as AnySchema, `${at}.<name>`));
  } else if (d.type === 'union') for (const o of d.options as AnySchema[]) out.push(...configKeys(o, at));
  // a union (e.g. outlier rules) lists a key once, with the values of every option
  const merged = new Map<string, KeyDoc>();
  for (const k of out) {
    const m = merged.get(k.path);
    if (m) m.values = [...new Set([...m.values, ...k.values])];
    else merged.set(k.path, { ...k });
  }
  return [...merged.values()];
}

const ALL = [
  ...configKeys(ConfigSchema).filter((k) => k.path !== 'analysis.<name>' && k.path !== 'trajectories.<name>'),
  ...configKeys(AnalysisConfigSchema, 'analysis'),
  ...configKeys(TrajectoriesConfigSchema, 'trajectories'),
];

describe('docs/config.md', () => {
  const doc = readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8');
  // table rows `| \`key\` | type | default | meaning |`, however prettier pads them
  const rows = doc
    .split('\n')
    .filter((l) => /^\|\s*`/.test(l))
    .map((l) => ({
      line: l,
      cells: l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    }))
    .map((r) => ({ ...r, key: r.cells[0]!.replace(/^`|`$/g, '') }));
  const rowOf = (path: string) => rows.find((r) => r.key === path);

  it('documents every config key of the schema (walked, not listed by hand)', () => {
    expect(ALL.length).toBeGreaterThan(80);
    expect(ALL.filter((k) => !rowOf(k.path)).map((k) => k.path)).toEqual([]);
  });

  it('gives each key its type, default and meaning, and names every allowed value of an enum', () => {
    for (const k of ALL) {
      const row = rowOf(k.path);
      if (!row) continue;
      expect(row.cells.length, `${k.path}: | key | type | default | meaning |`).toBe(4);
      expect(
        row.cells.every((c) => c.length > 0),
        k.path,
      ).toBe(true);
      // empty and blank values (no thousands separator, a space) are described in words
      for (const v of k.values.filter((x) => x.trim() !== ''))
        expect(row.line, `${k.path} value ${v}`).toContain(`\`${v}\``);
    }
  });

  it('documents no key the schema does not have', () => {
    const known = new Set(ALL.map((k) => k.path));
    expect(rows.map((r) => r.key).filter((p) => !known.has(p))).toEqual([]);
  });
});
