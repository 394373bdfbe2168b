/**
 * Benchmark of the API: latency at N concurrent clients over the requests the dashboard makes (every
 * panel's table with the default filters and with each municipality, age band and department, the
 * metadata, downloads). Run: `npx tsx src/serve/bench.ts WORKSPACE [clients] [rounds]`.
 * Reports the cold pass (each address once, nothing cached) and the warm load separately.
 *
 * Server mode: `npx tsx src/serve/bench.ts --signed-in WORKSPACE [clients] [rounds]` — each client
 * is its own analyst, signed in through the password form, and every request is written to the
 * audit trail before it is answered. The store is $TVAERBLIK_DATABASE_URL (PostgreSQL) or else an
 * embedded one in memory; the bench raises the per-user and per-address rate limits so that the
 * load is measured, not the limiter. Reports p50/p95/p99 and the number of failed requests.
 */
import { performance } from 'node:perf_hooks';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openWorkspace } from '../config/workspace.js';
import type { Meta } from './meta.js';
import { verifyAudit } from '../store/audit.js';
import { openStore } from '../store/open.js';
import { hashPassword } from './auth/local.js';
import { createUser } from './auth/users.js';
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

/**
 * Run `urls` through `clients` concurrent workers (worker i sends headers[i]); every response must be
 * 200 unless `countErrors`, which counts the others (and network failures) instead of stopping.
 */
async function load(
  base: string,
  urls: string[],
  clients: number,
  headers: Record<string, string>[] = [],
  countErrors = false,
): Promise<{ ms: number[]; seconds: number; errors: number }> {
  const ms: number[] = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const t = performance.now();
        let status = 0;
        try {
          const res = await fetch(base + url, { headers: headers[worker] ?? {} });
          await res.arrayBuffer();
          status = res.status;
        } catch (e) {
          if (!countErrors) throw e;
        }
        ms.push(performance.now() - t);
        if (status !== 200) {
          if (!countErrors) throw new Error(`${url}: HTTP ${status}`);
          errors++;
        }
      }
    }),
  );
  return { ms, seconds: (performance.now() - t0) / 1000, errors };
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
  signedInClients = 0,
): Promise<{ url: string; child: ChildProcess; seconds: number }> {
  const t0 = performance.now();
  const mode =
    signedInClients > 0 ? ['--serve-signed-in', workspace, String(signedInClients)] : ['--serve', workspace];
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), ...mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

/** The password of the bench's users (made up for the bench; the store is thrown away after). */
const BENCH_PASSWORD = 'bench password, not a secret';

/** Server mode for the bench: sign-in required, `clients` analysts bench_0…, audit on every request. */
async function serveSignedIn(workspace: string, clients: number): Promise<void> {
  const ws = openWorkspace(workspace);
  const url = process.env.TVAERBLIK_DATABASE_URL;
  const store = await openStore(url ? { url, poolSize: 20 } : {});
  const hash = await hashPassword(BENCH_PASSWORD);
  for (let i = 0; i < clients; i++) {
    const [taken] = await store.query(`SELECT 1 FROM users WHERE username = $1`, [`bench_${i}`]);
    if (!taken) await createUser(store, { username: `bench_${i}`, roles: ['analyst'], passwordHash: hash });
  }
  const running = await startServer({
    warehouse: ws.resolve(ws.config.warehouse),
    config: ws.config,
    threshold: ws.config.suppression.threshold,
    port: 0,
    store,
    signIn: 'required',
    rateLimitPerMinute: 1_000_000,
    auth: {
      signin: {
        local: true,
        lockout: { attempts: 5, minutes: 15 },
        attempts_per_minute: 1000,
        session: { idle_minutes: 30, absolute_hours: 12, https: false },
      },
    },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(running.url);
  process.on('SIGTERM', () => void running.close().then(() => store.close().then(() => process.exit(0))));
}

/** Sign in as `username` through the sign-in page and password form; the session cookie. */
async function signInAs(base: string, username: string): Promise<string> {
  const page = await fetch(`${base}/signin`);
  const html = await page.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const anonymous = page.headers.getSetCookie().at(-1)?.split(';')[0] ?? '';
  if (!token) throw new Error('no CSRF token on the sign-in page');
  const res = await fetch(`${base}/signin`, {
    method: 'POST',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: BENCH_PASSWORD, _csrf: token, next: '/' }),
    redirect: 'manual',
  });
  const cookie = res.headers
    .getSetCookie()
    .filter((c) => c.startsWith('tvaerblik_session='))
    .at(-1);
  if (res.status !== 303 || !cookie) throw new Error(`sign-in of ${username} failed: HTTP ${res.status}`);
  return cookie.split(';')[0]!;
}

export interface SignedInBenchResult {
  clients: number;
  signInSeconds: number;
  urls: number;
  load: LatencyStats;
  errors: number;
  /** audit entries written during the load (PostgreSQL only; null for the in-memory store) */
  auditEntries: number | null;
  auditIntact: boolean | null;
}

/** `clients` signed-in analysts, each with its own session, over the dashboard's requests `rounds` times. */
export async function benchSignedIn(
  workspace: string,
  clients = 50,
  rounds = 5,
): Promise<SignedInBenchResult> {
  const { url, child } = await spawnServer(workspace, clients);
  const base = url.replace(/\/$/, '');
  const dbUrl = process.env.TVAERBLIK_DATABASE_URL;
  const store = dbUrl ? await openStore({ url: dbUrl }) : null;
  try {
    const t0 = performance.now();
    const cookies = await Promise.all(
      Array.from({ length: clients }, (_, i) => signInAs(base, `bench_${i}`)),
    );
    const signInSeconds = (performance.now() - t0) / 1000;
    const headers = cookies.map((cookie) => ({ cookie }));
    const meta = (await (await fetch(`${base}/api/meta`, { headers: headers[0] })).json()) as Meta;
    const urls = dashboardUrls(meta);
    const all = Array.from({ length: rounds }, () => urls).flat();
    const count = async () =>
      store ? Number((await store.query<{ n: bigint }>(`SELECT count(*) AS n FROM audit_log`))[0]!.n) : 0;
    const before = await count();
    const run = await load(base, all, clients, headers, true);
    const after = await count();
    return {
      clients,
      signInSeconds,
      urls: all.length,
      load: stats(run.ms, run.seconds),
      errors: run.errors,
      auditEntries: store ? after - before : null,
      auditIntact: store ? (await verifyAudit(store)).ok : null,
    };
  } finally {
    await store?.close();
    child.kill('SIGTERM');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === '--serve') {
    await serveOnly(process.argv[3] ?? '.');
  } else if (process.argv[2] === '--serve-signed-in') {
    await serveSignedIn(process.argv[3] ?? '.', Number(process.argv[4] ?? '50'));
  } else if (process.argv[2] === '--signed-in') {
    const [workspace = '.', clients = '50', rounds = '5'] = process.argv.slice(3);
    const r = await benchSignedIn(workspace, Number(clients), Number(rounds));
    const s = r.load;
    console.log(`store: ${process.env.TVAERBLIK_DATABASE_URL ? 'PostgreSQL' : 'embedded, in memory'}`);
    console.log(
      `${r.clients} clients signed in through the password form in ${r.signInSeconds.toFixed(1)} s`,
    );
    console.log(
      `${r.urls} requests by ${r.clients} signed-in clients: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(1)} ms, ${s.perSecond.toFixed(0)}/s, errors ${r.errors}`,
    );
    if (r.auditEntries !== null)
      console.log(`audit entries written during the load: ${r.auditEntries}; chain intact: ${r.auditIntact}`);
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
