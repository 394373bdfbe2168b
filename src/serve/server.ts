import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/schema.js';
import { toJson } from '../cli/output.js';
import { UserError } from '../errors.js';
import { toCsv, toXlsx } from './export.js';
import { buildMeta } from './meta.js';
import { openApi } from './openapi.js';
import { ApiError, parseTableQuery, runTableQuery } from './query.js';
import { loadSnapshot, type Snapshot } from './snapshot.js';

/** The repository root, from src/serve (tsx) and from dist/serve (built) alike. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Hand-written front-end files (HTML, CSS) and the compiled front-end modules. */
export const WEB_DIR = path.join(ROOT, 'web');
export const WEB_BUILD_DIR = path.join(ROOT, 'dist', 'web');

export interface ServeOptions {
  /** the warehouse file */
  warehouse: string;
  config: Pick<Config, 'name' | 'country' | 'currency' | 'municipalities'>;
  threshold: number;
  port?: number;
  host?: string;
  /** how often (ms) to check whether the warehouse file changed; default 2000 */
  recheckMs?: number;
  /** server log (errors of the server itself); never receives person data */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'",
};

interface Cached {
  status: number;
  type: string;
  body: Buffer;
  filename?: string;
}

/** Start the API and dashboard; resolves once the server listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const version = packageVersion();
  let snapshot = await loadSnapshot(options.warehouse, options.threshold);
  let cache = new Map<string, Cached>();
  let lastCheck = Date.now();
  let reloading: Promise<void> | null = null;

  /** Reload the snapshot when the warehouse file has changed (a new `tvaerblik run`); checked every 2 s at most. */
  async function current(): Promise<Snapshot> {
    if (Date.now() - lastCheck >= (options.recheckMs ?? 2000) && !reloading) {
      lastCheck = Date.now();
      const mtime = existsSync(options.warehouse) ? statSync(options.warehouse).mtimeMs : 0;
      if (mtime !== snapshot.mtimeMs) {
        reloading = loadSnapshot(options.warehouse, options.threshold)
          .then((next) => {
            snapshot = next;
            cache = new Map();
          })
          .catch((e: unknown) =>
            log(`warehouse not reloaded (kept the previous results): ${(e as Error).message}`),
          )
          .finally(() => (reloading = null));
      }
    }
    if (reloading) await reloading;
    return snapshot;
  }

  async function api(url: URL, snap: Snapshot): Promise<Cached> {
    const route = url.pathname;
    if (route === '/api/health') return json({ ok: true, loadedAt: snap.catalog.loadedAt });
    if (route === '/api/meta') return json(buildMeta(options.config, snap.catalog));
    if (route === '/api/openapi.json') return json(openApi(snap.catalog, version));
    if (route === '/api/tables') {
      return json(
        [...snap.catalog.tables.values()].map((t) => ({
          name: t.name,
          rows: t.rows,
          hiddenCells: t.hiddenCells,
        })),
      );
    }
    const m = /^\/api\/tables\/([A-Za-z0-9_]+)(\.csv|\.xlsx)?$/.exec(route);
    if (!m) throw new ApiError(404, `No such endpoint: ${route}. See /api/openapi.json`);
    const q = parseTableQuery(snap.catalog, m[1]!, url.searchParams);
    const result = runTableQuery(snap, q);
    const threshold = snap.catalog.threshold;
    if (m[2] === '.csv') {
      return {
        status: 200,
        type: 'text/csv; charset=utf-8',
        body: Buffer.from(toCsv(q.table.name, result, q.lang, threshold)),
        filename: `${q.table.name}.csv`,
      };
    }
    if (m[2] === '.xlsx') {
      const body = await toXlsx(q.table.name, result, q.lang, threshold, {
        loadedAt: snap.catalog.loadedAt,
        filters: q.filters,
      });
      return {
        status: 200,
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body,
        filename: `${q.table.name}.xlsx`,
      };
    }
    return json({
      table: q.table.name,
      columns: result.columns,
      rows: result.rows.map((r, i) =>
        result.hidden[i]!.length ? { ...r, _hidden: result.hidden[i], _reason: result.reasons[i] } : r,
      ),
      total: result.total,
      offset: q.offset,
      limit: q.limit,
      threshold,
      ignored: q.ignored,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, {
        status: 405,
        ...jsonBody({ error: 'Only GET is supported: the API is read-only' }),
      });
    }
    if (url.pathname.startsWith('/api/')) {
      const key = url.pathname + url.search;
      const snap = await current();
      let out = cache.get(key);
      if (!out) {
        try {
          out = await api(url, snap);
        } catch (e) {
          out = errorResponse(e, log);
        }
        if (out.status === 200 && snap === snapshot && cache.size < 2000) cache.set(key, out);
      }
      return send(res, out, req.method === 'HEAD');
    }
    return send(res, staticFile(url.pathname), req.method === 'HEAD');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`request failed: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent)
        send(res, { status: 500, ...jsonBody({ error: 'Internal error; see the server log' }) });
      else res.end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new UserError(`Port ${options.port} is already in use.`, {
              key: '--port',
              hint: 'choose another port, e.g. --port 8090, or stop the other server',
            })
          : e,
      ),
    );
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    server,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function json(value: unknown): Cached {
  return { status: 200, ...jsonBody(value) };
}

function jsonBody(value: unknown): { type: string; body: Buffer } {
  return { type: 'application/json; charset=utf-8', body: Buffer.from(toJson(value, 0)) };
}

/** Client mistakes get their message; anything else is logged and answered without details. */
function errorResponse(e: unknown, log: (line: string) => void): Cached {
  if (e instanceof ApiError) return { status: e.status, ...jsonBody({ error: e.message }) };
  if (e instanceof UserError) return { status: 503, ...jsonBody({ error: e.describe() }) };
  log(`internal error: ${(e as Error).stack ?? String(e)}`);
  return { status: 500, ...jsonBody({ error: 'Internal error; see the server log' }) };
}

function staticFile(pathname: string): Cached {
  const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  // Only plain file names below the two web folders; no "..", no hidden files.
  if (!/^(app\/)?[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)+$/.test(rel)) return notFound(pathname);
  const file = rel.startsWith('app/') ? path.join(WEB_BUILD_DIR, rel.slice(4)) : path.join(WEB_DIR, rel);
  if (!existsSync(file) || !statSync(file).isFile()) {
    if (rel.startsWith('app/')) {
      return {
        status: 404,
        type: 'text/plain; charset=utf-8',
        body: Buffer.from(`The dashboard is not built: run \`npm run build\` (missing ${rel})`),
      };
    }
    return notFound(pathname);
  }
  return {
    status: 200,
    type: MIME[path.extname(file)] ?? 'application/octet-stream',
    body: readFileSync(file),
  };
}

function notFound(pathname: string): Cached {
  return {
    status: 404,
    type: 'text/plain; charset=utf-8',
    body: Buffer.from(`Not found: ${pathname.slice(0, 200)}`),
  };
}

function send(res: ServerResponse, out: Cached, headOnly = false): void {
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Content-Type': out.type,
    'Content-Length': out.body.length,
    'Cache-Control': 'no-cache',
  };
  if (out.filename) headers['Content-Disposition'] = `attachment; filename="${out.filename}"`;
  res.writeHead(out.status, headers);
  res.end(headOnly ? undefined : out.body);
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
