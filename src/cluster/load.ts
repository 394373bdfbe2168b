/**
 * A cluster description file (YAML, or an Excel workbook with one sheet per table) loaded into the
 * operational store: organisations, funds, grants, projects with budgets, decisions, expected-spend
 * reports, costs, a-conto payments, forecasts and reported inclusions (docs/cluster.md, "The file").
 *
 * Everything is checked before it counts and saved in ONE transaction: a broken rule or a bad entry
 * stops the load and nothing is saved. Loading the same file again changes nothing: organisations,
 * funds, grants, projects, budget lines, costs and forecasts are upserts keyed by their ids; a
 * decision, an expected-spend report or an a-conto payment already stored is not stored twice.
 * Decisions, reports and costs go through the store functions (src/cluster/store.ts), so the fund
 * rules are checked and every change is audited as if made on the pages.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendAudit } from '../store/audit.js';
import type { Db } from '../store/db.js';
import type { ClusterActor } from './store.js';
import { loadContext, references } from './file/context.js';
import { fileError, withOrigin } from './file/errors.js';
import { saveForecasts } from './file/forecasts.js';
import { saveFunds, saveGrants, saveOnAccount } from './file/funds.js';
import { saveIndicators } from './file/indicators.js';
import { checkSuccession, saveOrganisations, saveTakeovers } from './file/organisations.js';
import { saveCosts, saveDecisions, saveExpectedSpend, saveProjects } from './file/projects.js';
import { readClusterFile } from './file/read.js';
import type { ClusterFile } from './file/schema.js';

export { readClusterFile } from './file/read.js';
export { ClusterFileSchema, parseClusterDoc, type ClusterFile } from './file/schema.js';

export interface LoadSummary {
  /** rows inserted or changed per table (0 everywhere on a re-load of the same file) */
  changed: Record<string, number>;
  total: number;
}

const TABLES = [
  'organisations',
  'funds',
  'grants',
  'projects',
  'budget',
  'decisions',
  'expected_spend',
  'costs',
  'on_account',
  'forecasts',
  'forecast_actual',
  'indicators',
  'indicator_values',
] as const;

/**
 * Load a validated cluster file into the store in one transaction (the secretariat's right). A rule
 * broken anywhere (a fund rule on a decision, a split not 100 %, an unknown member) stops it and
 * nothing is saved. Returns how many rows changed per table.
 */
export async function loadClusterFile(
  db: Db,
  actor: ClusterActor,
  doc: ClusterFile,
  file = 'cluster.yaml',
): Promise<LoadSummary> {
  if (!actor.roles.includes('cluster_secretariat'))
    throw fileError('forbidden', file, '(file)', { roles: actor.roles.join(', ') || '-' });
  let changed: Record<string, number> = {};
  // every refusal names the entry's line (YAML) or sheet and row (workbook), not only its index
  await db
    .transaction(async (tx) => {
      const ctx = loadContext(tx, actor, file, TABLES);
      // organisations and funds first: everything else refers to them
      await saveOrganisations(ctx, doc.organisations);
      await saveFunds(ctx, doc.funds);
      const refs = await references(ctx);
      // organisations that change: referenced only while they exist, successors and councils checked
      checkSuccession(ctx, refs, doc.organisations);
      await saveTakeovers(ctx, refs, doc.takeovers);
      await saveGrants(ctx, refs, doc.grants);
      const projects = await saveProjects(ctx, refs, doc.projects);
      await saveDecisions(ctx, refs, projects, doc.decisions);
      await saveExpectedSpend(ctx, refs, projects, doc.expected_spend);
      await saveCosts(ctx, refs, projects, doc.costs);
      await saveOnAccount(ctx, refs, doc.on_account);
      await saveForecasts(ctx, refs, doc.forecasts);
      await saveIndicators(ctx, refs, doc.indicators, doc.indicator_values);
      changed = ctx.changed;
      const total = Object.values(changed).reduce((s, n) => s + n, 0);
      if (total > 0)
        await appendAudit(tx, {
          actor: actor.id,
          action: 'cluster.load',
          purpose: 'cluster',
          subject: path.basename(file),
          detail: { changed, changes: ctx.audit.slice(0, 1000) },
        });
    })
    .catch((e: unknown) => {
      throw withOrigin(e, doc);
    });
  return { changed, total: Object.values(changed).reduce((s, n) => s + n, 0) };
}

/** Read a cluster file from disk and load it (the CLI's `cluster load`). */
export async function loadClusterPath(db: Db, actor: ClusterActor, file: string): Promise<LoadSummary> {
  const { readFile } = await import('node:fs/promises');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw fileError('read', file, '(file)', { problem: (e as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
  return loadClusterFile(db, actor, await readClusterFile(file, bytes), file);
}

/** The shipped demo: Randersklyngen (catalogues/cluster/demo-randers.yaml). */
export const DEMO_CLUSTER_FILE = fileURLToPath(
  new URL('../../catalogues/cluster/demo-randers.yaml', import.meta.url),
);
