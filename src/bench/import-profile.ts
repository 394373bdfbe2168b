/**
 * `node dist/bench/import-profile.js <workspace>`: import a kept bench workspace into a fresh warehouse
 * with every engine call timed, and print the steps by CPU seconds beside the time outside the engine.
 * A profiling aid for docs/performance.md (run under `node --cpu-prof` for the JS side).
 */
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createOutput } from '../cli/output.js';
import { openWorkspace } from '../config/workspace.js';
import { importSources } from '../ingest/index.js';
import { openWarehouse } from '../model/warehouse.js';
import { ProfilingEngine } from './profile.js';

export async function profileImport(dir: string, top = 30): Promise<string> {
  const ws = openWorkspace(dir);
  rmSync(ws.resolve(ws.config.warehouse), { force: true });
  rmSync(`${ws.resolve(ws.config.warehouse)}.wal`, { force: true });
  const engine = new ProfilingEngine(await openWarehouse(ws));
  const out = createOutput({ json: true, lang: 'en', stdout: () => {}, stderr: () => {}, isTTY: false });
  engine.take();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  try {
    await importSources(ws, engine, out);
  } finally {
    await engine.close().catch(() => {});
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const { steps, engineSeconds } = engine.take(top);
  const lines = [
    `import: wall ${wall.toFixed(2)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, in engine ${engineSeconds.toFixed(2)} s`,
  ];
  for (const s of steps)
    lines.push(
      `${s.seconds.toFixed(3).padStart(8)} s  cpu ${s.cpuSeconds.toFixed(3).padStart(7)}  ×${String(s.calls).padEnd(3)} ${s.step.replace(/\s+/g, ' ').slice(0, 110)}`,
    );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!process.argv[2]) {
    process.stderr.write('usage: node dist/bench/import-profile.js <workspace>\n');
    process.exitCode = 64;
  } else process.stdout.write(`${await profileImport(process.argv[2])}\n`);
}
