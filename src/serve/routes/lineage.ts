/**
 * `GET /api/lineage/:table`: where a published table's figures come from (src/publish/lineage.ts,
 * docs/lineage.md) — the model, the source extracts, the rules and the suppression applied; the query
 * parameters (other than `lang`) narrow it to the rows of one figure, e.g.
 * `/api/lineage/cost_unit?catalogue_code=SEL-104`. Declared for the planning purpose (analyst roles)
 * like the rest of the API; it reads the warehouse read-only and returns no person key or row value.
 */
import type { FastifyInstance } from 'fastify';
import type { Workspace } from '../../config/workspace.js';
import { openDuckDB } from '../../engine/duckdb.js';
import { UserError } from '../../errors.js';
import { lineage } from '../../publish/lineage.js';
import { PLANNING, requestLang } from '../auth/policy.js';

export interface LineageRouteOptions {
  /** the warehouse file */
  warehouse: string;
  threshold: number;
  /** the workspace, for the rules of its configuration (catalogue, translation table, price lists, pools) */
  ws?: Workspace;
}

/** Register the lineage endpoint on `app` (a Fastify plugin). */
export async function lineageRoutes(app: FastifyInstance, opts: LineageRouteOptions): Promise<void> {
  app.get('/api/lineage/:table', { config: { access: PLANNING } }, async (request, reply) => {
    const table = (request.params as { table: string }).table;
    const query = request.query as Record<string, unknown>;
    const rowKeys = Object.fromEntries(
      Object.entries(query).filter((e): e is [string, string] => e[0] !== 'lang' && typeof e[1] === 'string'),
    );
    const engine = await openDuckDB({ file: ':memory:' });
    try {
      await engine.exec(`ATTACH ${engine.dialect.literal(opts.warehouse)} AS wh (READ_ONLY)`);
      // the server's snapshot already holds every table suppressed together: no second pass per request
      const published = app.hasDecorator('publishedTables') ? await app.publishedTables() : undefined;
      const trail = await lineage(engine, table, rowKeys, {
        threshold: opts.threshold,
        ...(opts.ws ? { ws: opts.ws } : {}),
        ...(published ? { published } : {}),
      });
      return reply.header('cache-control', 'no-store').send(trail);
    } catch (e) {
      if (e instanceof UserError) {
        const unknown = /is not a published table/.test(e.message);
        return reply.code(unknown ? 404 : 400).send({ error: e.describe(requestLang(request)) });
      }
      throw e;
    } finally {
      await engine.close();
    }
  });
}
