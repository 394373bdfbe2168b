/**
 * An import interrupted by SIGTERM or SIGINT leaves no raw id on disk: not in $TMPDIR (the Excel sheet
 * is never written there; a Windows-1252 extract reaches DuckDB through a named pipe, never as a file) and
 * not in the workspace outside the extracts themselves — even after SIGKILL, which no handler sees.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, SERVICE_HEADER, serviceSource } from '../helpers.js';
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
} from './build.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kill-child.ts');
const TMP = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-kill-tmp-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function filesUnder(dir: string, skip: string[] = []): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (skip.includes(p)) return [];
    const s = statSync(p);
    // regular files only: a named pipe left by a killed import holds no data (and reading it would block)
    return s.isDirectory() ? filesUnder(p, skip) : s.isFile() ? [p] : [];
  });
}

const CSV_IDS = ids(300, 11);
const XLSX_IDS = ids(60_000, 12);

function workspace() {
  return makeWorkspace({
    sources: [
      // Windows-1252: transcoded in memory into a named pipe that DuckDB reads
      serviceSource({ csv: { delimiter: ';', decimal: ',', encoding: 'windows-1252' } }),
      { ...serviceSource(excelSource), id: 'aeldre', department: 'Ældre' },
    ],
    files: {
      'extracts/hjemmepleje.csv': iconv.encode(
        [SERVICE_HEADER, ...csvRows(CSV_IDS)].join('\r\n') + '\r\n',
        'win1252',
      ),
      'extracts/hjemmepleje.xlsx': zip(workbookParts(sheetXml([HEADER, ...sheetRows(XLSX_IDS)]))),
    },
  });
}

/** Run the child until `ready` appears on its stdout (then wait `delay` ms), send `signal`, return its exit. */
async function interrupt(dir: string, hold: string, signal: NodeJS.Signals, ready: string, delay: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, hold], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: TMP },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes(ready)) resolve();
    });
    void exited.then((x) => reject(new Error(`child exited (${x.code}) early: ${stdout} ${stderr}`)));
  });
  await new Promise((r) => setTimeout(r, delay));
  child.kill(signal);
  return { ...(await exited), stdout };
}

/** Every file under $TMPDIR and the workspace (but its extracts) that holds a raw id. */
function leaks(dir: string): string[] {
  const forms = idForms([...CSV_IDS.slice(0, 50), ...XLSX_IDS.slice(0, 50), ...XLSX_IDS.slice(-50)]);
  return [...filesUnder(TMP), ...filesUnder(dir, [path.join(dir, 'extracts')])].filter((f) => {
    const text = readFileSync(f).toString('latin1');
    return forms.some((id) => text.includes(id));
  });
}

describe('an interrupted import leaves no raw id on disk', () => {
  it('SIGKILL while the transaction is open: nothing with a raw id was ever written (it was: the transcoded file)', async () => {
    const ws = workspace();
    const r = await interrupt(ws.dir, 'aeldre', 'SIGKILL', 'STAGED aeldre', 0);
    expect(r.signal).toBe('SIGKILL');
    expect(leaks(ws.dir)).toEqual([]);
    // no handler runs on SIGKILL: its empty temp folder stays; clear it for the signal tests below
    for (const f of readdirSync(TMP)) rmSync(path.join(TMP, f), { recursive: true, force: true });
  }, 300_000);

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} while the transaction is open (transcoded extract and Excel rows staged)`, async () => {
      const ws = workspace();
      const r = await interrupt(ws.dir, 'aeldre', signal, 'STAGED aeldre', 0);
      expect(r.code).toBe(code);
      expect(leaks(ws.dir)).toEqual([]);
      expect(readdirSync(TMP).filter((f) => f.startsWith('tvaerblik-ingest-'))).toEqual([]);
    }, 300_000);

    it(`${signal} in the middle of reading the workbook`, async () => {
      const ws = workspace();
      const r = await interrupt(ws.dir, '', signal, 'STAGED hjemmepleje', 300);
      expect(r.stdout).not.toContain('STAGED aeldre');
      expect(r.code).toBe(code);
      expect(leaks(ws.dir)).toEqual([]);
      expect(readdirSync(TMP).filter((f) => f.startsWith('tvaerblik-ingest-'))).toEqual([]);
    }, 300_000);
  }
});
