/*
 * `tvaerblik cluster demo` and `cluster load <file>` on a workspace's embedded store: the demo loads
 * (--json names what changed), loading it again changes nothing, and a bad file exits 2 naming the
 * file, the entry and the fix, with nothing saved.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLUSTER_FILE } from '../../src/cluster/load.js';
import { runCli } from '../helpers/cli.js';

let root: string;
let ws: string;
const env = process.env.TVAERBLIK_DATABASE_URL;

beforeAll(async () => {
  delete process.env.TVAERBLIK_DATABASE_URL;
  root = mkdtempSync(path.join(tmpdir(), 'tvb-cluster-cli-'));
  ws = path.join(root, 'ws');
  const init = await runCli(['init', ws, '--country', 'DK', '--municipality', '730']);
  expect(init.code, init.stderr).toBe(0);
});
afterAll(() => {
  if (env !== undefined) process.env.TVAERBLIK_DATABASE_URL = env;
  rmSync(root, { recursive: true, force: true });
});

describe('tvaerblik cluster', () => {
  it('a bad file exits 2 with the file, the entry and the fix; nothing is saved', async () => {
    const bad = path.join(root, 'bad.yaml');
    writeFileSync(
      bad,
      readFileSync(DEMO_CLUSTER_FILE, 'utf8').replace('carry_over: true', 'carry_ovr: true'),
    );
    const r = await runCli(['-w', ws, '--lang', 'en', 'cluster', 'load', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /bad\.yaml: funds\[1\] \(klynge\): the key "carry_ovr" is not known – did you mean "carry_over"\?/,
    );
    const again = await runCli(['-w', ws, '--json', 'cluster', 'demo']);
    expect(again.code, again.stderr).toBe(0);
    // the demo then loads in full: nothing of the bad file was there before
    expect(JSON.parse(again.stdout).total).toBe(7 + 2 + 38 + 3 + 4 + 3 + 9 + 1 + 1 + 1 + 12 + 3 + 20);
  });

  it('loading the demo again changes nothing', async () => {
    const r = await runCli(['-w', ws, '--json', 'cluster', 'demo']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { total: number; kind: string };
    expect(out.total).toBe(0);
    expect(out.kind).toBe('embedded');
    const human = await runCli(['-w', ws, '--lang', 'da', 'cluster', 'load', DEMO_CLUSTER_FILE], {
      tty: true,
    });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr + human.stdout).toMatch(
      /demo-randers\.yaml er allerede indlæst i .*: intet ændret\./,
    );
  });
});
