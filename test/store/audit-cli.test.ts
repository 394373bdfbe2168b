/*
 * `tvaerblik audit verify` and `tvaerblik audit export` on a workspace's embedded store: the export
 * finds the citizen by the case pseudonym of the number given, never prints the number, and is
 * itself audited; verify exits 1 and names the entry changed behind the trigger's back.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/store/audit.js';
import { caseSubject, loadCaseKey } from '../../src/store/keys.js';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';

let root: string;
let ws: string;
let subject: string;
const env = process.env.TVAERBLIK_DATABASE_URL;

beforeAll(async () => {
  delete process.env.TVAERBLIK_DATABASE_URL;
  root = mkdtempSync(path.join(tmpdir(), 'tvb-audit-cli-'));
  ws = path.join(root, 'ws');
  const init = await runCli(['init', ws, '--country', 'DK', '--municipality', '851']);
  expect(init.code, init.stderr).toBe(0);
  const store = await openStore({ dataDir: path.join(ws, 'store') });
  try {
    subject = caseSubject(await loadCaseKey(store), '1705852053');
    await appendAudit(store, {
      actor: 'u-anna',
      action: 'case.read',
      purpose: 'case',
      subject,
      ip: '10.1.2.3',
    });
    await appendAudit(store, {
      actor: 'u-bo',
      action: 'case.read',
      purpose: 'case',
      subject: 'f'.repeat(64),
    });
    await appendAudit(store, {
      actor: 'u-bo',
      action: 'consent.change',
      purpose: 'case',
      subject,
      detail: { consent: 'withdrawn', note: 'Brev, 2. maj' },
    });
  } finally {
    await store.close();
  }
});
afterAll(() => {
  if (env !== undefined) process.env.TVAERBLIK_DATABASE_URL = env;
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('tvaerblik audit', () => {
  it('exports the citizen’s entries as CSV in the reader’s language, and never shows the number', async () => {
    const file = path.join(root, 'access.csv');
    const r = await runCli([
      '-w',
      ws,
      '--lang',
      'en',
      '--json',
      'audit',
      'export',
      '--subject',
      '170585-2053',
      '--out',
      file,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ file, format: 'csv', subject, entries: 2 });
    const lines = readFileSync(file, 'utf8').split('\r\n');
    expect(lines[0]).toBe('no,time,user,user id,action,purpose,purpose (text),detail');
    // the time column is the moment of writing; everything else by hand
    const noTime = (l: string) => l.replace(/^(\d+),[^,]+,/, '$1,<time>,');
    expect(lines.slice(1).map(noTime)).toEqual([
      '1,<time>,,u-anna,case.read,case,case handling,',
      '3,<time>,,u-bo,consent.change,case,case handling,"{""consent"":""withdrawn"",""note"":""Brev, 2. maj""}"',
      '',
    ]);
    expect(lines[1]).toMatch(/^1,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    for (const text of [r.stdout, r.stderr, readFileSync(file, 'utf8')]) {
      expect(text).not.toContain('1705852053');
      expect(text).not.toContain('170585');
    }
  });

  it('exports JSON, finds the same citizen from another spelling, and records each export', async () => {
    const r = await runCli([
      '-w',
      ws,
      '--json',
      'audit',
      'export',
      '--subject',
      '1705852053',
      '--format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      subject: string;
      entries: { seq: number; action: string; purpose: string }[];
    };
    expect(doc.subject).toBe(subject);
    // the first export (entry 4) is now part of the citizen's log too
    expect(doc.entries.map((e) => [e.seq, e.action, e.purpose])).toEqual([
      [1, 'case.read', 'case'],
      [3, 'consent.change', 'case'],
      [4, 'audit.export', 'audit'],
    ]);
    expect(r.stdout).not.toContain('170585');
  });

  it('refuses a number that is not one, without repeating it', async () => {
    const r = await runCli(['-w', ws, '--lang', 'en', 'audit', 'export', '--subject', '991399-1234']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--subject is not a valid person number for DK (bad_date)');
    expect(r.stderr).not.toContain('991399');
  });

  it('verify: intact, then exit 1 naming the entry changed with the trigger switched off', async () => {
    const ok = await runCli(['-w', ws, '--json', 'audit', 'verify']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, entries: 5 });

    const store = await openStore({ dataDir: path.join(ws, 'store') });
    try {
      await store.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
        UPDATE audit_log SET actor = 'u-someone' WHERE seq = 3;
        ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;`);
    } finally {
      await store.close();
    }
    const bad = await runCli(['-w', ws, '--lang', 'en', '--json', 'audit', 'verify']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'hash_mismatch',
      entries: 2,
    });
    expect(bad.stderr).toContain(
      "The audit trail is broken at entry 3: the entry's content or hash was changed (2 entries before it are intact).",
    );
  });
});
