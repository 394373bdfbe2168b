/**
 * API latency under load: `clients` concurrent keep-alive clients in a worker thread (so the client's
 * work does not share the server's event loop) send GET requests over every served table.
 */
import { Worker } from 'node:worker_threads';

export interface LatencyFigures {
  requests: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  seconds: number;
  requestsPerSecond: number;
}

export interface ApiFigures {
  clients: number;
  tables: number;
  /** every request a URL the server has not answered before (its response cache does not help) */
  uncached: LatencyFigures;
  /** the same URLs again: what a dashboard sees once the panels have been opened */
  cached: LatencyFigures;
  /** the warm-up before both: other URLs, so the measured ones stay new to the cache (not judged) */
  warmup?: LatencyFigures;
}

const CLIENT = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.clients });
function get(url) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: performance.now() - t0, ok: res.statusCode === 200 }));
    }).on('error', () => resolve({ ms: performance.now() - t0, ok: false }));
  });
}
(async () => {
  const urls = workerData.urls;
  const ms = [];
  let errors = 0, next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workerData.clients }, async () => {
    while (next < urls.length) {
      const r = await get(urls[next++]);
      ms.push(r.ms);
      if (!r.ok) errors++;
    }
  }));
  parentPort.postMessage({ ms, errors, seconds: (performance.now() - t0) / 1000 });
  agent.destroy();
})();
`;

function runClients(urls: string[], clients: number): Promise<LatencyFigures> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { urls, clients } });
    worker.once('error', reject);
    worker.once('message', (m: { ms: number[]; errors: number; seconds: number }) => {
      void worker.terminate();
      const sorted = [...m.ms].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
      const r2 = (x: number) => Math.round(x * 100) / 100;
      resolve({
        requests: sorted.length,
        errors: m.errors,
        p50Ms: r2(at(0.5)),
        p95Ms: r2(at(0.95)),
        maxMs: r2(sorted[sorted.length - 1] ?? 0),
        seconds: r2(m.seconds),
        requestsPerSecond: Math.round(sorted.length / Math.max(m.seconds, 1e-6)),
      });
    });
  });
}

/**
 * Measure a running server at `baseUrl` (ending in '/'): after a warm-up on other URLs, `requests` distinct
 * table requests (paging varies, so each URL is new to the server's cache), then the same list again.
 */
export async function measureApi(baseUrl: string, clients = 20, requests = 1000): Promise<ApiFigures> {
  const res = await fetch(`${baseUrl}api/tables`);
  if (!res.ok) throw new Error(`GET /api/tables answered ${res.status}`);
  const tables = ((await res.json()) as { name: string; rows: number }[]).map((t) => t.name);
  if (tables.length === 0) throw new Error('The server serves no tables: did the analyses run?');
  // limit and offset vary by round, so no URL repeats; the common page sizes of the dashboard (limit
  // 100–999) are measured, the warm-up asks for pages of 1,000–1,899 rows, which the measured list never does
  const list = (count: number, first: number) =>
    Array.from({ length: count }, (_, i) => {
      const table = tables[i % tables.length]!;
      const round = Math.floor(i / tables.length);
      return `${baseUrl}api/tables/${table}?limit=${first + (round % 900)}&offset=${Math.floor(round / 900)}`;
    });
  const urls = list(requests, 100);
  // A fresh server compiles its request path on the first few hundred requests (V8's JIT): that start-up
  // is no steady-state latency, so it is run off first on URLs the measurement does not use.
  const warmup = await runClients(list(Math.min(requests, 1000), 1000), clients);
  const uncached = await runClients(urls, clients);
  const cached = await runClients(urls, clients);
  return { clients, tables: tables.length, uncached, cached, warmup };
}
