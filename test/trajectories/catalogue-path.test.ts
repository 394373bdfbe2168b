import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTrajectories } from '../../src/trajectories/index.js';
import { quietOutput, Warehouse, workspace } from './fixture.js';

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open();
});
afterEach(async () => {
  await wh.engine.close();
});

describe('trajectories: the catalogue path', () => {
  it('reads a catalogue path of the config relative to the workspace folder, not the current folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tvaerblik-cat-'));
    copyFileSync(
      fileURLToPath(new URL('../../catalogues/dk.yaml', import.meta.url)),
      path.join(dir, 'own.yaml'),
    );
    const base = workspace(`data_end: '2025-12-31'`);
    const ws = {
      ...base,
      dir,
      config: { ...base.config, catalogue: 'own.yaml' },
      resolve: (p: string) => (path.isAbsolute(p) ? p : path.join(dir, p)),
    };
    // the current folder holds no own.yaml: before the fix this stopped with "Catalogue "own.yaml" not found"
    await expect(runTrajectories(ws, wh.engine, quietOutput())).resolves.toBeDefined();
  });
});
