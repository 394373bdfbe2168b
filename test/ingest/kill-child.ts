/**
 * Child process of kill.test.ts: imports a workspace and, once the rows are inserted but before the
 * transaction commits, says LOADED and waits to be killed.
 */
import { createOutput } from '../../src/cli/output.js';
import { openWorkspace } from '../../src/config/workspace.js';
import { importSources } from '../../src/ingest/index.js';
import { openWarehouse } from '../../src/model/warehouse.js';

const ws = openWorkspace(process.argv[2]!);
const engine = await openWarehouse(ws);
await importSources(ws, engine, createOutput({ lang: 'en', json: true, isTTY: false, stdout: () => {} }), {
  onStage: async (stage) => {
    if (stage !== 'loaded') return;
    process.stdout.write('LOADED\n');
    await new Promise(() => setInterval(() => {}, 1000)); // hold the transaction open until killed
  },
});
