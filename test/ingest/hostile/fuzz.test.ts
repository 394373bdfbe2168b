/**
 * A bounded fuzz test of the CSV and Excel readers (fixed seeds): valid extracts broken by random
 * mutations of bytes, line endings, quotes, XML and zip structure. Every case either reads/loads or fails
 * with a UserError (exit 2 or 3) that has a message; never an internal error (exit 70), never a raw id in
 * any message, output or report, and a failed import leaves the warehouse exactly as it was.
 * The readers alone take most cases (fast); a share goes through the whole import, which also maps,
 * checks and loads (and so finds crashes past the reader, such as a cast overflow).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import { UserError } from '../../../src/errors.js';
import { seededRandom } from '../../../src/ids/synthetic.js';
import { importSources } from '../../../src/ingest/index.js';
import { openRelation, readError } from '../../../src/ingest/read.js';
import { openMemoryWarehouse } from '../../../src/model/warehouse.js';
import { makeWorkspace, SERVICE_HEADER, serviceSource, testOutput, writeFile } from '../helpers.js';
import {
  csvRows,
  excelSource,
  HEADER,
  idForms,
  ids,
  sheetRows,
  sheetXml,
  workbookParts,
  zip,
  type ZipPart,
} from './build.js';

/** Cases through the readers alone (openRelation and the scan DuckDB makes of it). */
const READER_CASES = { csv: 200, xlsx: 120 };
/** Cases through the whole import (read, map, check, load), with the warehouse compared. */
const IMPORT_CASES = { csv: 40, xlsx: 30 };
const IDS = ids(12, 2121);
const FORMS = idForms(IDS);

type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[int(rnd, xs.length)]!;

const TOKENS = [
  '\r',
  '\n',
  '\r\n',
  '"',
  ';',
  ',',
  '\t',
  '\0',
  '""',
  '\uFEFF',
  'ÆØÅ',
  ' ',
  '\\',
  '%',
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  ']]>',
  '</row>',
  '<row>',
  '<c r="XFE1"><v>1</v></c>',
  '<c t="s"><v>99999</v></c>',
  '<f>A1</f>',
  '<!DOCTYPE x>',
  '<?pi x?>',
  '<!--',
];

/** Apply 1–3 random edits to a text: insert a token, delete a range, duplicate/drop a line, truncate… */
function mutateText(rnd: Rnd, text: string): { text: string; ops: string[] } {
  const ops: string[] = [];
  let s = text;
  for (let k = 1 + int(rnd, 3); k > 0; k--) {
    const at = int(rnd, s.length + 1);
    const op = int(rnd, 10);
    if (op <= 2) {
      const t = pick(rnd, TOKENS);
      s = s.slice(0, at) + t + s.slice(at);
      ops.push(`insert ${JSON.stringify(t)}@${at}`);
    } else if (op === 3) {
      const n = 1 + int(rnd, 20);
      s = s.slice(0, at) + s.slice(at + n);
      ops.push(`delete ${n}@${at}`);
    } else if (op === 4) {
      s = s.slice(0, at);
      ops.push(`truncate@${at}`);
    } else if (op === 5) {
      const lines = s.split('\n');
      const i = int(rnd, lines.length);
      lines.splice(i, 0, lines[i]!);
      s = lines.join('\n');
      ops.push(`duplicate line ${i}`);
    } else if (op === 6) {
      const lines = s.split('\n');
      const i = int(rnd, lines.length);
      lines.splice(i, 1);
      s = lines.join('\n');
      ops.push(`drop line ${i}`);
    } else if (op === 7) {
      // a share of the line endings become CRLF (mixed endings)
      s = s.replace(/\n/g, (m) => (rnd() < 0.5 ? '\r\n' : m));
      ops.push('mixed CRLF');
    } else if (op === 8) {
      const n = pick(rnd, [10, 1000, 100_000]);
      s = s.slice(0, at) + pick(rnd, ['\n', '\r', ' ', 'x', '9']).repeat(n) + s.slice(at);
      ops.push(`run of ${n}@${at}`);
    } else {
      // swap the first two lines: data in the header's place
      const lines = s.split('\n');
      if (lines.length > 1) [lines[0], lines[1]] = [lines[1]!, lines[0]!];
      s = lines.join('\n');
      ops.push('swap header');
    }
  }
  return { text: s, ops };
}

/** Flip, drop or overwrite bytes of a buffer (zip-level damage). */
function mutateBytes(rnd: Rnd, b: Buffer): { bytes: Buffer; ops: string[] } {
  const out = Buffer.from(b);
  const ops: string[] = [];
  const op = int(rnd, 3);
  if (op === 0) {
    for (let k = 1 + int(rnd, 4); k > 0; k--) {
      const at = int(rnd, out.length);
      out[at] = int(rnd, 256);
      ops.push(`byte@${at}`);
    }
    return { bytes: out, ops };
  }
  if (op === 1) {
    const at = int(rnd, out.length);
    ops.push(`truncate@${at}`);
    return { bytes: out.subarray(0, at), ops };
  }
  const at = int(rnd, out.length);
  ops.push(`zero 64@${at}`);
  out.fill(0, at, at + 64);
  return { bytes: out, ops };
}

interface Harness {
  ws: ReturnType<typeof makeWorkspace>;
  engine: Engine;
  file: string;
  tmp: string;
}

async function snapshot(engine: Engine): Promise<string> {
  const r = await engine.one(
    `SELECT (SELECT count(*) FROM service) AS n,
            (SELECT coalesce(sum(hash(row_no, amount_minor, person_key, import_id)), 0) FROM service) AS h,
            (SELECT count(*) FROM person) AS p, (SELECT count(*) FROM import_log) AS l`,
  );
  return JSON.stringify(r, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** How the cases ended (exit code → count), so the test can tell it exercised both paths. */
const outcomes = new Map<number, number>();
const count = (code: number) => outcomes.set(code, (outcomes.get(code) ?? 0) + 1);

/** Import the bytes once; returns a failure description, or null when the outcome is acceptable. */
async function attempt(h: Harness, bytes: Buffer | string, label: string): Promise<string | null> {
  writeFile(h.ws.dir, h.file, bytes);
  const before = await snapshot(h.engine);
  const out = testOutput();
  let text = '';
  try {
    await importSources(h.ws, h.engine, out);
    count(0);
  } catch (e) {
    if (!(e instanceof UserError)) return `${label}: internal error (exit 70): ${(e as Error).stack}`;
    if (e.exitCode !== 2 && e.exitCode !== 3) return `${label}: exit ${e.exitCode}`;
    if (!e.message) return `${label}: no message`;
    count(e.exitCode);
    text = e.describe();
    const after = await snapshot(h.engine);
    if (after !== before) return `${label}: warehouse changed by a failed import`;
  }
  text += out.text.join('\n');
  try {
    text += readFileSync(path.join(h.ws.dir, 'reports', 'data-quality.json'), 'utf8');
  } catch {
    // no report when the import stopped before checks
  }
  const leaked = FORMS.find((id) => text.includes(id));
  return leaked ? `${label}: raw id in the output` : null;
}

const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines) await e.close();
});

async function harness(source: Record<string, unknown>, file: string, first: Buffer | string) {
  const ws = makeWorkspace({ sources: [serviceSource(source)], files: { [file]: first } });
  const engine = await openMemoryWarehouse();
  engines.push(engine);
  await importSources(ws, engine, testOutput());
  const tmp = path.join(ws.dir, 'tmp');
  mkdirSync(tmp);
  return { ws, engine, file, tmp };
}

const CSV_BASE = [SERVICE_HEADER, ...csvRows(IDS)].join('\n') + '\n';
const SHEET = sheetXml([HEADER, ...sheetRows(IDS)]);

function csvCase(rnd: Rnd): { bytes: Buffer | string; ops: string[] } {
  const m = mutateText(rnd, CSV_BASE);
  return { bytes: m.text, ops: m.ops };
}

function xlsxCase(rnd: Rnd): { bytes: Buffer; ops: string[] } {
  const kind = int(rnd, 4);
  if (kind <= 1) {
    // damage the sheet XML, then zip it honestly
    const m = mutateText(rnd, SHEET);
    return { bytes: zip(workbookParts(m.text)), ops: m.ops };
  }
  if (kind === 2) {
    // lie in the headers, hide or rename a part
    const parts: ZipPart[] = workbookParts(SHEET);
    const p = parts[int(rnd, parts.length)]!;
    const how = int(rnd, 3);
    if (how === 0) p.declaredSize = int(rnd, 64);
    else if (how === 1) p.hidden = true;
    else p.name += '.bak';
    return { bytes: zip(parts), ops: [`${['lie', 'hide', 'rename'][how]} ${p.name}`] };
  }
  const m = mutateBytes(rnd, zip(workbookParts(SHEET)));
  return { bytes: m.bytes, ops: m.ops };
}

class Rollback extends Error {}

/** Read the bytes with the reader alone, in a transaction that is rolled back. */
async function readOnly(h: Harness, bytes: Buffer | string, label: string): Promise<string | null> {
  writeFile(h.ws.dir, h.file, bytes);
  const source = h.ws.config.sources[0]!;
  const file = path.join(h.ws.dir, h.file);
  try {
    await h.engine.transaction(async (tx) => {
      const rel = await openRelation(tx, source, file, h.file, h.tmp, 'en');
      try {
        if (rel.materialize)
          await tx.exec(`CREATE OR REPLACE TEMP TABLE raw_src AS SELECT * FROM ${rel.sql}`);
        await tx.one('SELECT count(*) AS n FROM raw_src');
      } catch (e) {
        throw readError(e, rel, source.id, 'en');
      }
      throw new Rollback();
    });
  } catch (e) {
    if (e instanceof Rollback) {
      count(0);
      return null;
    }
    if (!(e instanceof UserError)) return `${label}: internal error (exit 70): ${(e as Error).stack}`;
    if (e.exitCode !== 2 && e.exitCode !== 3) return `${label}: exit ${e.exitCode}`;
    if (!e.message) return `${label}: no message`;
    count(e.exitCode);
    const leaked = FORMS.find((id) => e.describe().includes(id));
    if (leaked) return `${label}: raw id in the message`;
  }
  return null;
}

describe('fuzzed extracts never crash, leak an id or change the warehouse on failure', () => {
  it(`readers: ${READER_CASES.csv} mutated CSV files and ${READER_CASES.xlsx} mutated workbooks`, async () => {
    const csv = await harness({}, 'extracts/hjemmepleje.csv', CSV_BASE);
    const xlsx = await harness(excelSource, 'extracts/hjemmepleje.xlsx', zip(workbookParts(SHEET)));
    const failures: string[] = [];
    const rnd = seededRandom(21_003);
    for (let i = 0; i < READER_CASES.csv; i++) {
      const c = csvCase(rnd);
      const f = await readOnly(csv, c.bytes, `csv reader case ${i} [${c.ops.join(', ')}]`);
      if (f) failures.push(f);
    }
    for (let i = 0; i < READER_CASES.xlsx; i++) {
      const c = xlsxCase(rnd);
      const f = await readOnly(xlsx, c.bytes, `xlsx reader case ${i} [${c.ops.join(', ')}]`);
      if (f) failures.push(f);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it(`imports: ${IMPORT_CASES.csv} mutated CSV files and ${IMPORT_CASES.xlsx} mutated workbooks`, async () => {
    const csv = await harness({}, 'extracts/hjemmepleje.csv', CSV_BASE);
    const xlsx = await harness(excelSource, 'extracts/hjemmepleje.xlsx', zip(workbookParts(SHEET)));
    const failures: string[] = [];
    const rnd = seededRandom(21_001);
    for (let i = 0; i < IMPORT_CASES.csv; i++) {
      const c = csvCase(rnd);
      const f = await attempt(csv, c.bytes, `csv import case ${i} [${c.ops.join(', ')}]`);
      if (f) failures.push(f);
    }
    for (let i = 0; i < IMPORT_CASES.xlsx; i++) {
      const c = xlsxCase(rnd);
      const f = await attempt(xlsx, c.bytes, `xlsx import case ${i} [${c.ops.join(', ')}]`);
      if (f) failures.push(f);
    }
    expect(failures).toEqual([]);
    // both paths were exercised (over both tests): some cases loaded, many were refused with exit 2
    expect(outcomes.get(0) ?? 0).toBeGreaterThan(20);
    expect(outcomes.get(2) ?? 0).toBeGreaterThan(100);
    console.log('fuzz outcomes by exit code', Object.fromEntries(outcomes));
  }, 120_000);
});
