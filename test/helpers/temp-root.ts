/**
 * Vitest global setup: every test's temp folders go under one root made for this run and removed
 * after it, so test workspaces (each with a warehouse) never pile up in the machine's temp folder.
 * The forked test workers inherit TMPDIR, which os.tmpdir() reads at each call.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tvaerblik-tests-'));
  // open to others as /tmp is (mkdtemp makes 0700): as root the PostgreSQL tests' throwaway cluster runs
  // as the "postgres" user, which must reach its data folder and the test files under this root
  chmodSync(root, 0o755);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(root, { recursive: true, force: true });
  };
}
