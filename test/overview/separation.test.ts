// Separation of purposes (issue 15, item 8): the overview reads only the case store, never the
// analysis warehouse; the analysis never reads the case store. Checked on the import statements.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.join(import.meta.dirname, '..', '..', 'src');

function imports(dir: string): { file: string; spec: string }[] {
  const out: { file: string; spec: string }[] = [];
  for (const entry of readdirSync(path.join(SRC, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /(?:import|export)[^'"`;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ))
      out.push({ file: path.relative(SRC, file), spec: (m[1] ?? m[2])! });
  }
  return out;
}

describe('the case store and the analysis warehouse never meet', () => {
  it('src/overview imports only the store, core, person-number parsing, errors, i18n and libraries', () => {
    const found = imports('overview');
    expect(found.length).toBeGreaterThan(20);
    // src/ids holds no data: it parses a person number (and makes synthetic ones for the demo) so it can be pseudonymised at the door
    const allowed =
      /^(node:|yaml$|zod$|\.\/|\.\.\/(store|core)\/|\.\.\/ids\/(person-id|synthetic)\.js$|\.\.\/(errors|i18n)\.js$)/;
    expect(found.filter((i) => !allowed.test(i.spec))).toEqual([]);
  });

  it('the analysis, engine, ingest, costing and trajectories stages import neither the store nor the overview', () => {
    const found = ['analysis', 'engine', 'ingest', 'costing', 'trajectories'].flatMap(imports);
    expect(found.length).toBeGreaterThan(20);
    expect(found.filter((i) => /(^|\/)(store|overview)\//.test(i.spec))).toEqual([]);
  });

  it('no overview module names DuckDB or the warehouse', () => {
    for (const { file } of imports('overview')) {
      const text = readFileSync(path.join(SRC, file), 'utf8');
      expect(text, file).not.toMatch(/duckdb|warehouse\.duckdb|@duckdb/i);
    }
  });
});
