// An administrator's commands for accounts: add a user, change the roles, disable and enable — each in
// the audit trail (roles from → to), and a disabled user is no longer loaded for a request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUser } from '../../src/serve/auth/users.js';
import { verifyAudit } from '../../src/store/audit.js';
import { openStore } from '../../src/store/open.js';
import { runCli } from '../helpers/cli.js';

let root: string;
let ws: string;
const saved = { url: process.env.TVAERBLIK_DATABASE_URL, pw: process.env.TVAERBLIK_PASSWORD };

beforeAll(async () => {
  delete process.env.TVAERBLIK_DATABASE_URL;
  process.env.TVAERBLIK_PASSWORD = 'en lang nok adgangskode';
  root = mkdtempSync(path.join(tmpdir(), 'tvb-users-cli-'));
  ws = path.join(root, 'ws');
  expect((await runCli(['init', ws, '--country', 'DK', '--municipality', '751'])).code).toBe(0);
}, 120_000);
afterAll(() => {
  if (saved.url !== undefined) process.env.TVAERBLIK_DATABASE_URL = saved.url;
  if (saved.pw !== undefined) process.env.TVAERBLIK_PASSWORD = saved.pw;
  else delete process.env.TVAERBLIK_PASSWORD;
  rmSync(root, { recursive: true, force: true });
});

describe('tvaerblik server set-roles / disable-user / enable-user', () => {
  it('changes roles and access, names an unknown user, and audits each change', async () => {
    const add = await runCli(['-w', ws, 'server', 'add-user', 'stinna', '--role', 'economic_owner']);
    expect(add.code, add.stderr).toBe(0);
    const set = await runCli(
      [
        '-w',
        ws,
        '--lang',
        'da',
        'server',
        'set-roles',
        'Stinna',
        '--role',
        'cluster_secretariat',
        'economic_owner',
      ],
      { tty: true },
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('Stinna har nu rollerne: cluster_secretariat, economic_owner.');
    const off = await runCli(['-w', ws, '--json', 'server', 'disable-user', 'stinna']);
    expect(off.code, off.stderr).toBe(0);
    const unknown = await runCli(['-w', ws, '--lang', 'en', 'server', 'disable-user', 'nobody']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no user named nobody.');

    const store = await openStore({ dataDir: path.join(ws, 'store') });
    try {
      const [row] = await store.query<{ id: string }>("SELECT id FROM users WHERE username = 'stinna'");
      expect(await loadUser(store, row!.id)).toBeNull();
      const audit = await store.query<{ action: string; detail: unknown }>(
        "SELECT action, detail FROM audit_log WHERE action LIKE 'user.%' ORDER BY seq",
      );
      expect(audit).toEqual([
        { action: 'user.create', detail: { username: 'stinna', roles: ['economic_owner'] } },
        {
          action: 'user.roles',
          detail: { from: ['economic_owner'], to: ['cluster_secretariat', 'economic_owner'] },
        },
        { action: 'user.disable', detail: null },
      ]);
      expect((await verifyAudit(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
    expect((await runCli(['-w', ws, 'server', 'enable-user', 'stinna'])).code).toBe(0);
  }, 300_000);
});
