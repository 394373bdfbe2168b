/** Reading a cluster file: YAML, or an Excel workbook with one sheet per table (src/cluster/file/workbook.ts). */
import YAML from 'yaml';
import { fileError } from './errors.js';
import { parseClusterDoc, type ClusterFile } from './schema.js';
import { workbookToDoc } from './workbook.js';

/** Read a cluster file: `.yaml`/`.yml` or `.xlsx` (one sheet per table). */
export async function readClusterFile(file: string, bytes: Buffer): Promise<ClusterFile> {
  if (/\.xlsx$/i.test(file)) {
    const { doc, origins } = await workbookToDoc(file, bytes);
    return parseClusterDoc(file, doc, origins);
  }
  let raw: unknown;
  try {
    raw = YAML.parse(bytes.toString('utf8'), { prettyErrors: false });
  } catch (e) {
    const pos = (e as { linePos?: { line: number }[] }).linePos?.[0];
    throw fileError(
      'yaml',
      file,
      pos ? `line ${pos.line}` : '(file)',
      {
        problem: ((e as Error).message.split('\n')[0] ?? '').slice(0, 200),
      },
      pos ? { row: pos.line } : {},
    );
  }
  if (raw !== null && (typeof raw !== 'object' || Array.isArray(raw)))
    throw fileError('invalid', file, '(top level)', {
      problem: 'the file is a list of keys: organisations, funds, …',
    });
  return parseClusterDoc(file, raw);
}
