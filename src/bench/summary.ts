/**
 * Markdown tables for docs/performance.md from benchmark results:
 * `node dist/bench/summary.js bench/results/S-….json bench/results/M-….json …`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './harness.js';

const MiB = 2 ** 20;
const n = (x: number | undefined) => (x === undefined ? '–' : x.toLocaleString('en'));
const s = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(1));

/** One column per result: the data sizes, each stage's seconds and peak RSS, the floors, the API. */
export function markdownSummary(results: BenchResult[]): string {
  const head = `| | ${results.map((r) => `${r.tier} (${r.date.slice(0, 10)}, load ${r.machine.loadAverageStart[0]})`).join(' | ')} |`;
  const rule = `|---|${results.map(() => '---:').join('|')}|`;
  const row = (label: string, f: (r: BenchResult) => string) =>
    `| ${label} | ${results.map(f).join(' | ')} |`;
  const stage = (r: BenchResult, name: string) => r.stages.find((x) => x.stage === name);
  const cell = (r: BenchResult, name: string) => {
    const st = stage(r, name);
    if (!st) return '–';
    if (st.error) return `failed (${s(st.seconds)} s)`;
    return `${s(st.seconds)} s (cpu ${s(st.cpuSeconds)}) · ${n(st.rowsPerSecond)}/s · ${(st.peakRssBytes / MiB).toFixed(0)} MiB`;
  };
  const lines = [
    head,
    rule,
    row('persons', (r) => n(r.demo.persons)),
    row('service users', (r) => n(r.data.serviceUsers)),
    row('service rows', (r) => n(r.data.serviceRows)),
    row('hospital contacts', (r) => n(r.data.hospitalContacts)),
    row('GP contacts', (r) => n(r.data.gpContacts)),
    row('rows in all extracts', (r) => n(r.floors.read?.rows)),
    row('cost_person rows', (r) => n(r.data.costPersonRows)),
    row('warehouse size', (r) => `${((r.data.warehouseBytes ?? 0) / MiB).toFixed(0)} MiB`),
    row('load average at start (1 min)', (r) => String(r.machine.loadAverageStart[0])),
  ];
  for (const name of [
    'generate',
    'floor_read',
    'import',
    'costing',
    'floor_cost',
    'trajectories',
    'analyses',
    'report',
    'api',
  ])
    lines.push(row(`**${name}** (wall s (cpu s) · rows/s · peak RSS)`, (r) => cell(r, name)));
  lines.push(
    row('**end to end** import → report (wall s (cpu s) · peak RSS)', (r) => {
      const cpu = r.stages
        .filter((x) => ['import', 'costing', 'trajectories', 'analyses', 'report'].includes(x.stage))
        .reduce((a, x) => a + x.cpuSeconds, 0);
      return `${s(r.endToEndSeconds)} s (cpu ${s(cpu)}) · ${(r.endToEndPeakRssBytes / MiB).toFixed(0)} MiB`;
    }),
    row('import ÷ bare read', (r) =>
      r.floors.importOverRead === null ? '–' : `${r.floors.importOverRead.toFixed(1)}×`,
    ),
    row('costing ÷ floor query', (r) =>
      r.floors.costingOverFloor === null ? '–' : `${r.floors.costingOverFloor.toFixed(1)}×`,
    ),
    row('API p50 / p95 uncached (20 clients)', (r) =>
      r.api ? `${r.api.uncached.p50Ms} / ${r.api.uncached.p95Ms} ms` : '–',
    ),
    row('API p50 / p95 cached (20 clients)', (r) =>
      r.api ? `${r.api.cached.p50Ms} / ${r.api.cached.p95Ms} ms` : '–',
    ),
    row('trajectories, synthetic contacts', (r) =>
      r.trajectoriesAtScale
        ? `${n(r.trajectoriesAtScale.contacts)} in ${s(r.trajectoriesAtScale.seconds)} s`
        : '–',
    ),
  );
  return lines.join('\n');
}

/** The targets of one result as a markdown table. */
export function markdownTargets(r: BenchResult): string {
  const verdict = (m: boolean | null) => (m === null ? 'n/a at this tier' : m ? '**met**' : '**missed**');
  return [
    `| issue | target | measured (${r.tier}) | verdict |`,
    '|---|---|---|---|',
    ...r.targets.map(
      (t) =>
        `| #${t.issue} | ${t.target} | ${t.measured}${t.note ? ` (${t.note})` : ''} | ${verdict(t.met)} |`,
    ),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = process.argv.slice(2).map((f) => JSON.parse(readFileSync(f, 'utf8')) as BenchResult);
  process.stdout.write(`${markdownSummary(results)}\n\n`);
  for (const r of results) process.stdout.write(`${markdownTargets(r)}\n\n`);
}
