/**
 * Child process of kill.test.ts: imports a workspace and says which source is staged. With `hold`, it
 * waits (transaction open, temp files in place) after the source named there is staged, to be killed.
 */
import { createOutput } from '../../../src/cli/output.js';
import { openWorkspace } from '../../../src/config/workspace.js';
import { importSources } from '../../../src/ingest/index.js';
import { openWarehouse } from '../../../src/model/warehouse.js';

const [dir, hold] = process.argv.slice(2);
const ws = openWorkspace(dir!);
const engine = await openWarehouse(ws);
await importSources(ws, engine, createOutput({ lang: 'en', json: true, isTTY: false, stdout: () => {} }), {
  onStage: async (stage, source) => {
    if (stage !== 'staged') return;
    process.stdout.write(`STAGED ${source}\n`);
    if (source === hold) await new Promise(() => setInterval(() => {}, 1000));
  },
});
process.stdout.write('DONE\n');
