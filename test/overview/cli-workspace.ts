// A workspace for the overview's CLI tests: `tvaerblik init` in a temp folder (DK, municipality 751),
// the embedded store (no $TVAERBLIK_DATABASE_URL), and the environment put back afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD_ENV } from '../../src/cli/commands/overview.js';
import { runCli } from '../helpers/cli.js';

/** Register the setup and teardown; the folders are known once beforeAll has run. */
export function cliWorkspace(prefix: string): { root: string; ws: string } {
  const where = { root: '', ws: '' };
  const saved = { url: process.env.TVAERBLIK_DATABASE_URL, pw: process.env[DEMO_PASSWORD_ENV] };
  beforeAll(async () => {
    delete process.env.TVAERBLIK_DATABASE_URL;
    where.root = mkdtempSync(path.join(tmpdir(), prefix));
    where.ws = path.join(where.root, 'ws');
    const init = await runCli(['init', where.ws, '--country', 'DK', '--municipality', '751']);
    expect(init.code, init.stderr).toBe(0);
  }, 120_000);
  afterAll(() => {
    if (saved.url !== undefined) process.env.TVAERBLIK_DATABASE_URL = saved.url;
    if (saved.pw !== undefined) process.env[DEMO_PASSWORD_ENV] = saved.pw;
    else delete process.env[DEMO_PASSWORD_ENV];
    rmSync(where.root, { recursive: true, force: true });
  });
  return where;
}
