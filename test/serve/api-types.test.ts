/**
 * The dashboard's copy of the server's shapes (web/src/api.ts is compiled on its own, for the browser)
 * may not drift from the server's: the panel fields, the chart kinds (also those a mart's header may
 * name) and the column kinds must be the same in all places.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PANEL_CHARTS } from '../../src/analysis/models.js';

const read = (f: string) => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');
const web = read('web/src/api.ts');
const pages = read('src/serve/pages.ts');
const catalog = read('src/publish/columns.ts');

/** The string literals of a `type Name = 'a' | 'b'` declaration. */
function union(src: string, name: string): string[] {
  const m = new RegExp(`type ${name} =([^;]+);`).exec(src);
  if (!m) throw new Error(`no type ${name}`);
  return [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!).sort();
}
/** The member names of an `interface Name { … }` declaration. */
function members(src: string, name: string): string[] {
  const m = new RegExp(`interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(src);
  if (!m) throw new Error(`no interface ${name}`);
  return [...m[1]!.matchAll(/^ {2}(\w+)\??:/gm)].map((x) => x[1]!).sort();
}

describe("the dashboard's copied types", () => {
  it('chart kinds: the server, the dashboard and the mart headers agree', () => {
    expect(union(web, 'ChartKind')).toEqual(union(pages, 'ChartKind'));
    expect([...PANEL_CHARTS].sort()).toEqual(union(pages, 'ChartKind'));
  });

  it('column kinds: the publish path and the dashboard agree', () => {
    expect(union(web, 'ColumnKind')).toEqual(union(catalog, 'ColumnKind'));
  });

  it('a panel has the same fields (the server sends the resolved table, not the candidates)', () => {
    const server = members(pages, 'PanelSpec').map((f) => (f === 'tables' ? 'table' : f));
    expect(members(web, 'Panel')).toEqual(server.sort());
  });
});
