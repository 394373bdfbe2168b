/**
 * The dashboard's copy of the server's shapes (web/src/api-types.ts; web/src is compiled on its own, for
 * the browser) is generated from the server's declarations by tools/api-types.ts, and may not drift:
 * the committed file is exactly what the tool writes, and the chart kinds a mart's header may name are
 * the server's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PANEL_CHARTS } from '../../src/analysis/models.js';
import { API_TYPES_FILE, apiTypesModule } from '../../tools/api-types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (f: string) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');

/** The string literals of a `type Name = 'a' | 'b'` declaration. */
function union(src: string, name: string): string[] {
  const m = new RegExp(`type ${name} =([^;]+);`).exec(src);
  if (!m) throw new Error(`no type ${name}`);
  return [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!).sort();
}

describe("the dashboard's generated types", () => {
  it('web/src/api-types.ts is what tools/api-types.ts writes (run `npx tsx tools/api-types.ts`)', async () => {
    expect(read(API_TYPES_FILE)).toBe(await apiTypesModule(ROOT));
  });

  it('chart kinds: the server, the dashboard and the mart headers agree', () => {
    expect(union(read(API_TYPES_FILE), 'ChartKind')).toEqual(union(read('src/serve/pages.ts'), 'ChartKind'));
    expect([...PANEL_CHARTS].sort()).toEqual(union(read('src/serve/pages.ts'), 'ChartKind'));
  });

  it('a panel is sent with the table it resolved, not the candidates', () => {
    const web = read(API_TYPES_FILE);
    expect(web).toMatch(/interface Panel \{[^}]*\n {2}table: string \| null;/);
    expect(web).not.toMatch(/tables: string\[\]/);
  });
});
