/**
 * Benchmark of the API: latency at N concurrent clients over the requests the dashboard makes (every
 * panel's table with the default filters and with each municipality, age band and department, the
 * metadata, downloads). Run: `npx tsx src/serve/bench.ts WORKSPACE [clients] [rounds]`.
 * Reports the cold pass (each address once, nothing cached) and the warm load separately.
 */
import { performance } from 'node:perf_hooks';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openWorkspace } from '../config/workspace.js';
import type { Meta } from './meta.js';
import { startServer } from './server.js';

export interface LatencyStats {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
}

export interface ServeBenchResult {
  snapshotSeconds: number;
  urls: number;
  cold: LatencyStats;
  warm: LatencyStats;
  /** index.html, every script module, /api/meta and the overview page's tables, one after another */
  firstPageMs: number;
}

function stats(ms: number[], seconds: number): LatencyStats {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0;
  return {
    requests: s.length,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: s[s.length - 1] ?? 0,
    perSecond: s.length / seconds,
  };
}

/** Run `urls` through `clients` concurrent workers; every response must be 200. */
async function load(
  base: string,
  urls: string[],
  clients: number,
): Promise<{ ms: number[]; seconds: number }> {
  const ms: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const t = performance.now();
        const res = await fetch(base + url);
        await res.arrayBuffer();
        ms.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
      }
    }),
  );
  return { ms, seconds: (performance.now() - t0) / 1000 };
}

/** The addresses the dashboard asks for, over every page and filter value. */
function dashboardUrls(meta: Meta): string[] {
  const latest = meta.filters.period?.at(-1);
  const filterSets: Record<string, string>[] = [];
  const base = { ...(latest ? { period: latest } : {}) };
  for (const m of meta.filters.municipality ?? []) filterSets.push({ ...base, municipality: m });
  if (filterSets.length === 0) filterSets.push(base);
  const first = filterSets[0]!;
  for (const a of meta.filters.age_band ?? []) filterSets.push({ ...first, age_band: a });
  for (const d of meta.filters.department ?? []) filterSets.push({ ...first, department: d });
  const urls = ['/api/meta'];
  for (const f of filterSets) {
    for (const page of meta.pages) {
      for (const panel of page.panels) {
        if (!panel.table) continue;
        const q = new URLSearchParams({ ...f, ...(panel.where ?? {}) });
        urls.push(`/api/tables/${panel.table}?${q}`);
      }
    }
  }
  for (const t of meta.tables.slice(0, 5))
    urls.push(`/api/tables/${t.name}.csv?${new URLSearchParams(first)}`);
  return urls;
}

/** Start the server in its own process (as `tvaerblik serve` runs), so the load generator does not share its thread. */
async function spawnServer(
  workspace: string,
): Promise<{ url: string; child: ChildProcess; seconds: number }> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', workspace],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(http:\/\/\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child, seconds: (performance.now() - t0) / 1000 };
}

export async function benchServe(workspace: string, clients = 20, rounds = 20): Promise<ServeBenchResult> {
  const { url, child, seconds: snapshotSeconds } = await spawnServer(workspace);
  const server = { url, close: async () => void child.kill('SIGTERM') };
  const base = server.url.replace(/\/$/, '');
  try {
    const meta = (await (await fetch(`${base}/api/meta`)).json()) as Meta;
    const urls = dashboardUrls(meta);
    // First page: what a browser fetches for the overview, one request after another.
    const t1 = performance.now();
    for (const u of [
      '/',
      '/styles.css',
      '/app/main.js',
      '/app/api.js',
      '/app/dom.js',
      '/app/i18n.js',
      '/app/panel.js',
    ]) {
      await (await fetch(base + u)).arrayBuffer();
    }
    const overview = meta.pages[0]!.panels.filter((p) => p.table).map((p) => `/api/tables/${p.table}`);
    await Promise.all(overview.map(async (u) => (await fetch(base + u)).arrayBuffer()));
    const firstPageMs = performance.now() - t1;

    const cold = await load(base, urls, clients);
    const warmUrls = Array.from({ length: rounds }, () => urls).flat();
    const warm = await load(base, warmUrls, clients);
    return {
      snapshotSeconds,
      urls: urls.length,
      cold: stats(cold.ms, cold.seconds),
      warm: stats(warm.ms, warm.seconds),
      firstPageMs,
    };
  } finally {
    await server.close();
  }
}

async function serveOnly(workspace: string): Promise<void> {
  const ws = openWorkspace(workspace);
  const running = await startServer({
    warehouse: ws.resolve(ws.config.warehouse),
    config: ws.config,
    threshold: ws.config.suppression.threshold,
    port: 0,
    log: () => {},
  });
  console.log(running.url);
  process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === '--serve') {
    await serveOnly(process.argv[3] ?? '.');
  } else {
    const [workspace = '.', clients = '20', rounds = '20'] = process.argv.slice(2);
    const r = await benchServe(workspace, Number(clients), Number(rounds));
    const f = (s: LatencyStats) =>
      `${s.requests} requests, p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms, ${s.perSecond.toFixed(0)}/s`;
    console.log(`server start (read + suppress every served table): ${r.snapshotSeconds.toFixed(2)} s`);
    console.log(`first page (HTML, scripts, overview tables): ${r.firstPageMs.toFixed(0)} ms`);
    console.log(`cold, ${clients} clients, ${r.urls} distinct addresses: ${f(r.cold)}`);
    console.log(`warm, ${clients} clients: ${f(r.warm)}`);
  }
}
