import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/schema.js';
import { toJson } from '../core/json.js';
import { UserError } from '../errors.js';
import { userError } from '../core/messages.js';
import type { Text } from '../i18n.js';
import { toCsv, toXlsx } from './export.js';
import { buildMeta } from './meta.js';
import { openApi } from './openapi.js';
import { ApiError, parseTableQuery, quoted, runTableQuery } from './query.js';
import { loadSnapshot, type Snapshot } from './snapshot.js';
import { vendorFile } from './vendor.js';

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
  /**
   * Host names (besides localhost, 127.0.0.1, [::1] and the bound address) that browsers may use to
   * reach the server, e.g. behind a reverse proxy; any other Host header is refused (DNS rebinding).
   */
  allowedHosts?: string[];
  /** catalogue code → service name, so the dashboard shows names instead of codes (src/labels/services.ts) */
  serviceNames?: Record<string, Text>;
  /** value labels that depend on the workspace, e.g. the resource-heavy ages (heavyLabels) */
  valueLabels?: Record<string, Text>;
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
};

/** The hand-written files served from web/; everything else there (tsconfig.json, src/) is not. */
const WEB_FILES = ['index.html', 'styles.css', 'favicon.svg'];
/** The compiled front-end modules in dist/web/: plain .js only (no source maps, no declarations). */
const APP_FILE = /^app\/[A-Za-z0-9_-]+\.js$/;

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
    if (route === '/api/meta')
      return json(buildMeta(options.config, snap.catalog, options.serviceNames, options.valueLabels));
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
    if (!m) throw new ApiError(404, `No such endpoint: ${quoted(route)}. See /api/openapi.json`);
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

  let port = 0;
  const hostAllowed = hostCheck(options.host ?? '127.0.0.1', () => port, options.allowedHosts ?? []);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host)) {
      return send(res, {
        status: 403,
        ...jsonBody({
          error:
            'This server does not answer to that host name. Open it as http://127.0.0.1:PORT/ or http://localhost:PORT/, or start it with --allow-host NAME.',
        }),
      });
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!wellEscaped(url)) {
      return send(res, {
        status: 400,
        ...jsonBody({
          error: 'The address has a malformed percent-escape (such as "%zz" or a cut-off "%E0%A4").',
        }),
      });
    }
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
          ? userError('serve.port_in_use', { port: String(options.port) }, { key: '--port' })
          : e,
      ),
    );
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  port = address.port;
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
  if (e instanceof URIError) return { status: 400, ...jsonBody({ error: 'Malformed percent-escape' }) };
  if (e instanceof UserError) return { status: 503, ...jsonBody({ error: e.describe() }) };
  log(`internal error: ${(e as Error).stack ?? String(e)}`);
  return { status: 500, ...jsonBody({ error: 'Internal error; see the server log' }) };
}

/**
 * The Host header check against DNS rebinding: a page on another site whose name is made to point
 * at 127.0.0.1 sends its own name as Host. Accepted: the loopback names and the bound address with
 * the server's port, and any configured name (with any port, e.g. behind a reverse proxy).
 */
export function hostCheck(
  bound: string,
  port: () => number,
  allowed: string[],
): (header: string | undefined) => boolean {
  const names = new Set(['localhost', '127.0.0.1', '::1']);
  if (bound !== '0.0.0.0' && bound !== '::') names.add(bound.toLowerCase().replace(/^\[|\]$/g, ''));
  const extra = new Set(allowed.map((h) => h.toLowerCase().replace(/^\[|\]$|\.$/g, '')));
  return (header) => {
    const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/i.exec(header ?? '');
    if (!m) return false;
    const name = (m[1] ?? m[2]!).toLowerCase().replace(/\.$/, '');
    if (extra.has(name)) return true;
    return names.has(name) && m[3] !== undefined && Number(m[3]) === port();
  };
}

/** Whether every percent-escape of the path and the query decodes (a bad one would throw later). */
function wellEscaped(url: URL): boolean {
  try {
    decodeURIComponent(url.pathname);
    decodeURIComponent(url.search.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

function staticFile(pathname: string): Cached {
  const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
  // Browser modules from node_modules, by the exact names in VENDOR (the chart library).
  if (rel.startsWith('app/vendor/')) {
    const file = vendorFile(rel.slice('app/vendor/'.length));
    if (!file) return notFound(pathname);
    return { status: 200, type: MIME['.js']!, body: readFileSync(file) };
  }
  // An allow-list of the built assets: no "..", no hidden files, no tsconfig.json, no source maps.
  if (!WEB_FILES.includes(rel) && !APP_FILE.test(rel)) return notFound(pathname);
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
    body: Buffer.from(`Not found: ${quoted(pathname)}`),
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
