import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Config } from '../config/schema.js';
import { toJson } from '../core/json.js';
import { t, userError } from '../core/messages.js';
import { UserError } from '../errors.js';
import type { Text } from '../i18n.js';
import { holdsWrittenPersonNumber, sharedAuditQueue } from '../store/audit.js';
import type { Store } from '../store/db.js';
import {
  currentUser,
  PLANNING,
  PUBLIC,
  registerPolicy,
  requestLang,
  type DeclaredRoute,
} from './auth/policy.js';
import { authRoutes, type AuthOptions } from './auth/local.js';
import { registerSessions } from './auth/session.js';
import { countUsers } from './auth/users.js';
import { toCsv, toXlsx } from './export.js';
import { buildMeta } from './meta.js';
import { openApi } from './openapi.js';
import { ApiError, parseTableQuery, quoted, runTableQuery } from './query.js';
import { esc, HOMES } from './page.js';
import { refuse, safeDecode, wantsPage } from './refusal.js';
import { loadSnapshot, type Snapshot } from './snapshot.js';
import { adminRoutes } from './routes/admin.js';
import { auditRoutes } from './routes/audit.js';
import { clusterRoutes } from './routes/cluster.js';
import { overviewRoutes } from './routes/overview.js';
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
  /**
   * The operational store (users, sessions, audit trail); `tvaerblik serve` always gives one. Without
   * one (tests, programmatic use) the server serves one local analyst on loopback without sign-in,
   * and keeps its sessions (only the CSRF secret) in this process.
   */
  store?: Store;
  /**
   * 'auto' (default): sign-in is required as soon as the store has a user (`tvaerblik server init`);
   * without users, a server on loopback serves one local analyst without sign-in.
   * 'required': sign-in always (a server with no users then lets nobody in).
   */
  signIn?: 'auto' | 'required';
  /** minutes without a request after which a session ends (default 30) */
  idleMinutes?: number;
  /** server mode: requests per minute per signed-in user (or per address when nobody is signed in); default 600 */
  rateLimitPerMinute?: number;
  /** trust X-Forwarded-* from a reverse proxy in front (for the client address and HTTPS) */
  trustProxy?: boolean;
  /** sign-in settings (the workspace's `signin` section); the sign-in routes exist when there is a store */
  auth?: AuthOptions;
  /** further route plugins (feature routes; tests) */
  plugins?: FastifyPluginAsync[];
}

export interface RunningServer {
  url: string;
  server: Server;
  app: FastifyInstance;
  /** every route registered, with its access declaration */
  routes: DeclaredRoute[];
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The compiled front-end modules in dist/web/: plain .js only (no source maps, no declarations). */
const APP_FILE = /^[A-Za-z0-9_-]+\.js$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

interface Cached {
  status: number;
  type: string;
  body: Buffer;
  filename?: string;
}

/** app.store of a server started without an operational store: any use is a bug, said plainly. */
const NO_STORE: Store = {
  kind: 'embedded',
  query: () => Promise.reject(new Error('this server was started without an operational store')),
  transaction: () => Promise.reject(new Error('this server was started without an operational store')),
  close: async () => {},
};

/** Whether an address to bind is this machine only. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Build the web server (routes, hooks, plugins) without listening. Refuses to bind anything but
 * loopback unless sign-in is required.
 */
export async function buildServer(
  options: ServeOptions,
): Promise<{ app: FastifyInstance; routes: DeclaredRoute[]; closeStore: () => Promise<void> }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const host = options.host ?? '127.0.0.1';
  const version = packageVersion();
  let snapshot = await loadSnapshot(options.warehouse, options.threshold);
  const store = options.store ?? null;
  const closeStore = async () => {};
  let app: FastifyInstance | undefined;
  try {
    if (!store && options.signIn === 'required') throw new Error('sign-in needs an operational store');
    const signInRequired = store !== null && (options.signIn === 'required' || (await countUsers(store)) > 0);
    if (!signInRequired && !isLoopback(host)) {
      throw userError('server.bind_needs_sign_in', { host }, { key: '--host' });
    }
    app = Fastify({
      logger: false,
      trustProxy: options.trustProxy ?? false,
      // a malformed path (a bad percent-escape) is a client mistake, answered without echoing it
      frameworkErrors: (error, request, reply) => {
        const status = error.code === 'FST_ERR_BAD_URL' ? 400 : (error.statusCode ?? 400);
        const key = status === 400 ? 'server.bad_escape' : 'server.bad_request';
        void refuse(
          request,
          reply as FastifyReply,
          status < 500 ? status : 400,
          t(requestLang(request), key),
        );
      },
    });
    app.decorate('store', store ?? NO_STORE);
    app.decorate('signInRequired', signInRequired);

    // 1. the Host header (DNS rebinding) and percent-escapes, before anything else reads the request
    let port = 0;
    const hostAllowed = hostCheck(host, () => port, options.allowedHosts ?? []);
    app.addHook('onRequest', async (request, reply) => {
      if (!hostAllowed(request.headers.host)) {
        return refuse(request, reply, 403, t(requestLang(request), 'server.host'));
      }
      if (!wellEscaped(request.raw.url ?? '/')) {
        return refuse(request, reply, 400, t(requestLang(request), 'server.bad_escape'));
      }
      // a person number never travels in an address: it would reach the audit trail, logs and history
      if (holdsWrittenPersonNumber(safeDecode(request.raw.url ?? '/'))) {
        return refuse(request, reply, 400, t(requestLang(request), 'server.person_number_in_address'));
      }
    });
    app.addHook('onListen', async () => {
      port = (app!.server.address() as AddressInfo).port;
    });

    // 2. security headers, sessions, policy, CSRF, rate limit
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    });
    const session = options.auth?.signin?.session;
    await registerSessions(app, {
      db: store,
      idleMinutes: options.idleMinutes ?? session?.idle_minutes,
      absoluteHours: session?.absolute_hours,
      https: session?.https ?? false,
    });
    await app.register(fastifyFormbody);
    const routes = registerPolicy(app);
    await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
    app.decorateRequest('csrfToken', function (this: FastifyRequest): string {
      throw new Error(`no CSRF token outside a request (${this.url})`);
    });
    app.addHook('onRequest', async (request, reply) => {
      request.csrfToken = () => reply.generateCsrf();
    });
    // server mode only: the single analyst on loopback is one person at their own machine
    if (signInRequired) {
      await app.register(fastifyRateLimit, {
        global: true,
        hook: 'preHandler',
        max: options.rateLimitPerMinute ?? 600,
        timeWindow: 60_000,
        keyGenerator: (request) => request.user?.id ?? request.ip,
      });
    }
    app.addHook('preHandler', (request, reply, done) => {
      const changes = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
      if (!changes || request.is404 || request.routeOptions.config.csrf === false) return done();
      app!.csrfProtection(request, reply, done);
    });
    // citizen-level, audit, cluster and user data never rest in a browser's or a proxy's cache
    // (ASVS V14.3.2); the planning purpose's suppressed aggregates keep their own revalidation
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.purpose && request.purpose !== 'planning') reply.header('cache-control', 'no-store');
      return payload;
    });
    // in server mode every request that reaches data is in the audit trail, before it is answered
    if (signInRequired) {
      // concurrent requests share one append (group commit) instead of queueing on the chain's head
      const audit = sharedAuditQueue(store!);
      app.addHook('preHandler', async (request) => {
        if (!request.user || !request.purpose) return;
        await audit({
          actor: request.user.id,
          action: `http.${request.method.toLowerCase()}`,
          purpose: request.purpose,
          subject: request.routeOptions.url ?? '',
          detail: { url: request.url.slice(0, 500) },
          ip: request.ip,
        });
      });
    }

    // every answer the server gives itself goes through refuse: a page for a browser, JSON for a script
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const lang = requestLang(request);
      if (error instanceof ApiError) return refuse(request, reply, error.status, error.describe(lang));
      if (error instanceof URIError) return refuse(request, reply, 400, t(lang, 'server.bad_escape'));
      if (error instanceof UserError) return refuse(request, reply, 503, error.describe(lang));
      const status = error.statusCode ?? 500;
      if (status === 429) return refuse(request, reply, 429, t(lang, 'server.rate_limited'));
      if (error.code?.startsWith('FST_CSRF')) return refuse(request, reply, 403, t(lang, 'server.csrf'));
      if (status >= 400 && status < 500) return refuse(request, reply, status, t(lang, 'server.bad_request'));
      log(`internal error: ${error.stack ?? String(error)}`);
      return refuse(request, reply, 500, t(lang, 'server.internal'));
    });
    app.setNotFoundHandler(async (request, reply) => {
      // a signed-in reader's "not found" page keeps their links and the sign-out button
      if (signInRequired && wantsPage(request)) request.user = await currentUser(request);
      const pathname = safeDecode((request.raw.url ?? '/').split('?')[0]!).slice(0, 60);
      const lang = requestLang(request);
      if (pathname.startsWith('/api/'))
        return refuse(request, reply, 404, t(lang, 'server.api.no_endpoint', { path: quoted(pathname) }));
      return refuse(request, reply, 404, t(lang, 'server.not_found', { path: quoted(pathname) }));
    });

    // 3. the dashboard and the API over the analysis warehouse
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
    app.decorate('publishedTables', async () => (await current()).published);

    /** Answer from the per-snapshot cache of successful API answers, or compute and keep it. */
    async function cached(
      request: FastifyRequest,
      reply: FastifyReply,
      compute: (snap: Snapshot, url: URL) => Promise<Cached> | Cached,
    ): Promise<FastifyReply> {
      const snap = await current();
      const key = request.url;
      let out = cache.get(key);
      if (!out) {
        out = await compute(snap, new URL(request.url, 'http://localhost'));
        if (out.status === 200 && snap === snapshot && cache.size < 2000) cache.set(key, out);
      }
      return sendCached(reply, out);
    }

    const planning = { config: { access: PLANNING } };
    const open = { config: { access: PUBLIC } };
    app.get('/api/health', open, async () => ({ ok: true, loadedAt: (await current()).catalog.loadedAt }));
    app.get('/api/meta', planning, (req, reply) =>
      cached(req, reply, (snap) =>
        json(buildMeta(options.config, snap.catalog, options.serviceNames, options.valueLabels)),
      ),
    );
    app.get('/api/openapi.json', planning, (req, reply) =>
      cached(req, reply, (snap) => json(openApi(snap.catalog, version))),
    );
    app.get('/api/tables', planning, (req, reply) =>
      cached(req, reply, (snap) =>
        json(
          [...snap.catalog.tables.values()].map((t) => ({
            name: t.name,
            rows: t.rows,
            hiddenCells: t.hiddenCells,
          })),
        ),
      ),
    );
    app.get('/api/tables/:file', planning, (req, reply) =>
      cached(req, reply, (snap, url) => tableAnswer(snap, (req.params as { file: string }).file, url)),
    );
    // The API is read-only: any other method on it is answered 405 (it changes nothing: no CSRF token needed).
    app.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE'],
      url: '/api/*',
      config: { access: PUBLIC, csrf: false },
      handler: (request, reply) =>
        reply.code(405).send({ error: t(requestLang(request), 'server.read_only') }),
    });

    // Pages: the dashboard needs sign-in; its styles, scripts and icon are public.
    const index = (request: FastifyRequest, reply: FastifyReply) => {
      const page = webFile('index.html');
      const user = request.user;
      if (page.status !== 200 || !signInRequired || !user) return sendCached(reply, page);
      // server mode: who is signed in, the areas they may open and the token of the sign-out form
      const areas = HOMES.filter((h) => h.href !== '/' && app!.canOpen(user.roles, h.href)).map(
        (h) => h.href,
      );
      const meta =
        `<meta name="tvaerblik-user" content="${esc(user.username)}">` +
        `<meta name="tvaerblik-areas" content="${esc(areas.join(' '))}">` +
        `<meta name="csrf-token" content="${esc(request.csrfToken())}">`;
      const body = Buffer.from(page.body.toString('utf8').replace('</head>', `${meta}\n</head>`));
      return reply.code(200).type(page.type).header('cache-control', 'no-store').send(body);
    };
    app.get('/', planning, index);
    app.get('/index.html', planning, index);
    for (const name of ['styles.css', 'favicon.svg']) {
      app.get(`/${name}`, open, (_req, reply) => sendCached(reply, webFile(name)));
    }
    app.get('/app/:file', open, (req, reply) =>
      sendCached(reply, appFile((req.params as { file: string }).file)),
    );
    // Browser modules from node_modules, by the exact names in VENDOR (the chart library).
    app.get('/app/vendor/:name', open, (req, reply) => {
      const name = (req.params as { name: string }).name;
      const file = vendorFile(name);
      if (!file) return sendCached(reply, notFound(`/app/vendor/${name}`));
      return sendCached(reply, { status: 200, type: MIME['.js']!, body: readFileSync(file) });
    });

    // 4. sign-in and sign-out (local accounts, OpenID Connect), then feature routes; each declares its access
    if (store) {
      await app.register(async (scope) => authRoutes(scope, options.auth ?? {}));
      // the caseworker's overview (purpose 'case': the case handling store, never the warehouse)
      await app.register(overviewRoutes, { country: options.config.country });
      // the cluster's economy (purpose 'cluster': budgets, decisions, settlement)
      await app.register(clusterRoutes, {
        threshold: options.threshold,
        indicatorRows: async () => (await current()).data.get('cluster_indicator')?.rows ?? [],
      });
      // the data-protection officer's view of the audit trail (purpose 'audit')
      await app.register(auditRoutes, { country: options.config.country });
      // the administrator's users and roles (purpose 'admin': no citizen data)
      await app.register(adminRoutes);
    }
    for (const plugin of options.plugins ?? []) await app.register(plugin);

    await app.ready();
    return { app, routes, closeStore };
  } catch (e) {
    await app?.close();
    await closeStore();
    throw e;
  }
}

/** Start the API and dashboard; resolves once the server listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { app, routes, closeStore } = await buildServer(options);
  const host = options.host ?? '127.0.0.1';
  try {
    await app.listen({ port: options.port ?? 8080, host });
  } catch (e) {
    await app.close();
    await closeStore();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw userError('serve.port_in_use', { port: String(options.port) }, { key: '--port' });
    throw e;
  }
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    server: app.server,
    app,
    routes,
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
      await closeStore();
    },
  };
}

async function tableAnswer(snap: Snapshot, file: string, url: URL): Promise<Cached> {
  const m = /^([A-Za-z0-9_]+)(\.csv|\.xlsx)?$/.exec(file);
  if (!m) throw new ApiError(404, 'no_endpoint', { path: quoted(url.pathname) });
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

function json(value: unknown): Cached {
  return { status: 200, type: 'application/json; charset=utf-8', body: Buffer.from(toJson(value, 0)) };
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
function wellEscaped(raw: string): boolean {
  const q = raw.indexOf('?');
  try {
    decodeURIComponent(q < 0 ? raw : raw.slice(0, q));
    if (q >= 0) decodeURIComponent(raw.slice(q + 1).replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/** index.html, styles.css or favicon.svg from web/. */
function webFile(name: string): Cached {
  const file = path.join(WEB_DIR, name);
  if (!existsSync(file) || !statSync(file).isFile()) return notFound(`/${name}`);
  return {
    status: 200,
    type: MIME[path.extname(file)] ?? 'application/octet-stream',
    body: readFileSync(file),
  };
}

/** A compiled front-end module from dist/web/ (an allow-list: no "..", no maps, no declarations). */
function appFile(name: string): Cached {
  if (!APP_FILE.test(name)) return notFound(`/app/${name}`);
  const file = path.join(WEB_BUILD_DIR, name);
  if (!existsSync(file) || !statSync(file).isFile()) {
    return {
      status: 404,
      type: 'text/plain; charset=utf-8',
      body: Buffer.from(`The dashboard is not built: run \`npm run build\` (missing app/${name})`),
    };
  }
  return { status: 200, type: MIME['.js']!, body: readFileSync(file) };
}

function notFound(pathname: string): Cached {
  return {
    status: 404,
    type: 'text/plain; charset=utf-8',
    body: Buffer.from(`Not found: ${quoted(safeDecode(pathname))}`),
  };
}

function sendCached(reply: FastifyReply, out: Cached): FastifyReply {
  reply.code(out.status).header('Content-Type', out.type).header('Cache-Control', 'no-cache');
  if (out.filename) reply.header('Content-Disposition', `attachment; filename="${out.filename}"`);
  return reply.send(out.body);
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
