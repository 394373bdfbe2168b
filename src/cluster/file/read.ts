/** Reading a cluster file: YAML, or an Excel workbook with one sheet per table (src/cluster/file/workbook.ts). */
import YAML, { isMap, isPair, isScalar, isSeq, LineCounter, type Node } from 'yaml';
import { fileError, type Origins } from './errors.js';
import { parseClusterDoc, type ClusterFile } from './schema.js';
import { workbookToDoc } from './workbook.js';

/** Read a cluster file: `.yaml`/`.yml` or `.xlsx` (one sheet per table). */
export async function readClusterFile(file: string, bytes: Buffer): Promise<ClusterFile> {
  if (/\.xlsx$/i.test(file)) {
    const { doc, origins } = await workbookToDoc(file, bytes);
    return parseClusterDoc(file, doc, origins);
  }
  const lines = new LineCounter();
  const parsed = YAML.parseDocument(bytes.toString('utf8'), { prettyErrors: false, lineCounter: lines });
  const e = parsed.errors[0];
  if (e) {
    const pos = e.linePos?.[0];
    throw fileError(
      'yaml',
      file,
      pos ? `line ${pos.line}` : '(file)',
      {
        problem: (e.message.split('\n')[0] ?? '').slice(0, 200),
      },
      pos ? { row: pos.line } : {},
    );
  }
  const raw: unknown = parsed.toJS();
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw)))
    throw fileError('invalid', file, '(top level)', {
      problem: 'the file is a list of keys: organisations, funds, …',
    });
  return parseClusterDoc(file, raw, yamlLines(parsed.contents, lines));
}

/** The line of every entry of a YAML file by its path (`grants.0`, `projects.1.budget.0`), for messages. */
function yamlLines(root: unknown, lines: LineCounter): Origins {
  const origins: Origins = new Map();
  const walk = (node: unknown, path: string[]) => {
    if (path.length > 5) return;
    if (isSeq(node))
      node.items.forEach((item, i) => {
        const start = (item as Node | null)?.range?.[0];
        if (start !== undefined)
          origins.set([...path, String(i)].join('.'), { row: lines.linePos(start).line });
        walk(item, [...path, String(i)]);
      });
    else if (isMap(node))
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const start = pair.key.range?.[0];
        if (start !== undefined && path.length > 0)
          origins.set([...path, key].join('.'), { row: lines.linePos(start).line });
        walk(pair.value, [...path, key]);
      }
  };
  walk(root, []);
  return origins;
}
