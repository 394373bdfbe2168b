/**
 * Writes web/src/api-types.ts, the dashboard's copy of the server's answer types, from the server's own
 * declarations: the column kinds (src/publish/columns.ts), the panels and pages (src/serve/pages.ts), the
 * metadata (src/serve/meta.ts), the table answer (src/serve/openapi.ts) and the lineage trail
 * (src/publish/lineage.ts). The dashboard is compiled on its own for the browser and cannot import the
 * server, so the declarations are copied by this tool (`npm run build` runs it first);
 * test/serve/api-types.test.ts fails when the file is not what this writes.
 * A server shape becomes the wire's by the rewrites below; one that no longer matches stops the tool.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import ts from 'typescript';

export const API_TYPES_FILE = 'web/src/api-types.ts';

interface Copy {
  file: string;
  name: string;
  /** the name in the dashboard */
  as?: string;
  /** [server text, wire text]: each must be found in the declaration */
  rewrite?: [string, string][];
  /** false: leave the comment before it behind (there it is the file's) */
  doc?: false;
}

const COPIES: Copy[] = [
  { file: 'src/publish/columns.ts', name: 'ColumnKind' },
  { file: 'src/serve/pages.ts', name: 'ChartKind', doc: false },
  {
    // /api/meta sends each panel with the table it resolved, not the candidates
    file: 'src/serve/pages.ts',
    name: 'PanelSpec',
    as: 'Panel',
    rewrite: [
      [
        '/** candidate tables, first present wins */\n  tables: string[];',
        '/** the table shown: the first of its candidates the snapshot has, else null */\n  table: string | null;',
      ],
    ],
  },
  {
    file: 'src/serve/pages.ts',
    name: 'PageSpec',
    as: 'Page',
    rewrite: [['panels: PanelSpec[];', 'panels: Panel[];']],
  },
  {
    file: 'src/serve/meta.ts',
    name: 'Meta',
    rewrite: [
      [
        `pages: {
    id: string;
    title: Text;
    intro: Text;
    panels: (Omit<PanelSpec, 'tables'> & { table: string | null })[];
  }[];`,
        'pages: Page[];',
      ],
    ],
  },
  { file: 'src/serve/openapi.ts', name: 'Cell' },
  { file: 'src/serve/openapi.ts', name: 'DataRow' },
  { file: 'src/serve/openapi.ts', name: 'TableData' },
  // GET /api/lineage/{table}: the trail the dashboard shows when a figure is clicked
  { file: 'src/publish/lineage.ts', name: 'SourceExtract' },
  { file: 'src/publish/lineage.ts', name: 'LineageRules' },
  { file: 'src/publish/lineage.ts', name: 'LineageSuppression' },
  { file: 'src/publish/lineage.ts', name: 'Lineage' },
];

/** The text of an exported interface or type alias `name` in `file` (with its doc comment), renamed and rewritten. */
function declaration(root: string, copy: Copy): string {
  const text = readFileSync(path.join(root, copy.file), 'utf8');
  const source = ts.createSourceFile(copy.file, text, ts.ScriptTarget.ES2022, true);
  const node = source.statements.find(
    (s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === copy.name,
  );
  if (!node) throw new Error(`${copy.file}: no exported type ${copy.name} to copy into ${API_TYPES_FILE}`);
  let out = text.slice(copy.doc === false ? node.getStart() : node.getFullStart(), node.getEnd()).trim();
  if (copy.as) out = out.replace(new RegExp(`\\b(interface|type) ${copy.name}\\b`), `$1 ${copy.as}`);
  for (const [from, to] of copy.rewrite ?? []) {
    if (!out.includes(from))
      throw new Error(
        `${copy.file}: ${copy.name} no longer has "${from.split('\n')[0]}"; update tools/api-types.ts`,
      );
    out = out.replace(from, to);
  }
  return out;
}

/** The source of web/src/api-types.ts for the server declarations under `root`, formatted as the repository's prettier does. */
export async function apiTypesModule(root: string): Promise<string> {
  const source = [
    "// Generated from the server's declarations by tools/api-types.ts (`npm run build`); do not edit.",
    '// To change a shape, change the server (src/serve, src/publish) and run `npx tsx tools/api-types.ts`.',
    "import type { Text } from './i18n.js';",
    '',
    ...COPIES.map((c) => `${declaration(root, c)}\n`),
    "/** A column of a table in /api/meta. */\nexport type MetaColumn = Meta['tables'][number]['columns'][number];",
    '',
  ].join('\n');
  const file = path.join(root, API_TYPES_FILE);
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...options, filepath: file });
}

// `npx tsx tools/api-types.ts` (and `npm run build`): write the module
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  writeFileSync(path.join(root, API_TYPES_FILE), await apiTypesModule(root));
}
