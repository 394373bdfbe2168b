/**
 * A health cluster's shared economy over HTTP (issue 16, docs/cluster.md): the meeting overview,
 * decisions, expected-spend and cost reports, the settlement statement and the forecasts, as pages
 * and Excel workbooks. Every route declares its access (purpose 'cluster'); the policy hook enforces
 * the role, and the store functions enforce ownership (an economic owner reports only for its own
 * projects). Every change and every export is in the audit trail.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  fundBalances,
  forecastFor,
  isClusterError,
  loadCluster,
  meetingOverview,
  recordDecision,
  reportCost,
  reportExpectedSpend,
  settlementFor,
  type ClusterActor,
  type ClusterState,
} from '../../cluster/store.js';
import type { Settlement } from '../../cluster/settlement.js';
import { sheetValue } from '../../core/escape.js';
import { t, userError } from '../../core/messages.js';
import { parseKroner } from '../../core/money.js';
import type { Lang } from '../../i18n.js';
import type { Role } from '../../store/access.js';
import { appendAudit } from '../../store/audit.js';
import { requestLang } from '../auth/policy.js';
import {
  forecastPage,
  forecastsPage,
  messagePage,
  overviewPage,
  settlementPage,
  type ClusterPageContext,
} from './cluster-pages.js';

const access = (roles: Role[]) => ({ config: { access: { roles, purpose: 'cluster' as const } } });
/** members read; the secretariat and the economic owners are the members' people in the cluster */
const READ = access(['cluster_secretariat', 'economic_owner']);
const SECRETARIAT = access(['cluster_secretariat']);

type Body = Record<string, unknown>;
const str = (body: Body, name: string): string => {
  const v = body?.[name];
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
};

function actorOf(request: FastifyRequest): ClusterActor {
  const u = request.user!;
  return { id: u.id, roles: u.roles, ...(u.organisation ? { organisation: u.organisation } : {}) };
}

/** An amount typed in kroner ("400000", "12.500,50" is refused: no thousands separators) → øre. */
function amountOf(text: string): bigint {
  const v = parseKroner(text.replace(/\s/g, ''));
  if (v === undefined)
    throw Object.assign(userError('cluster.bad_amount', { value: text.slice(0, 20) }), { status: 400 });
  return v;
}

function yearOf(request: FastifyRequest): number {
  const q = request.query as Record<string, unknown>;
  const y = Number(q.year);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : new Date().getFullYear();
}

/** Register the cluster's pages and API on `app` (a Fastify plugin). */
export async function clusterRoutes(app: FastifyInstance): Promise<void> {
  const ctx = (request: FastifyRequest, message?: ClusterPageContext['message']): ClusterPageContext => ({
    lang: requestLang(request),
    path: request.url,
    csrf: request.csrfToken(),
    ...(message ? { message } : {}),
  });
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  app.setErrorHandler(async (error, request, reply) => {
    if (!isClusterError(error) && !(error instanceof Error && error.name === 'UserError')) throw error;
    const lang: Lang = requestLang(request);
    const local = (error as { localise?: (l: Lang) => { message: string; hint?: string } }).localise?.(lang);
    const text = local?.message ?? error.message;
    const status = isClusterError(error) ? error.status : 400;
    if (request.url.startsWith('/api/'))
      return reply.code(status).send({ error: text, ...(local?.hint ? { hint: local.hint } : {}) });
    return html(
      reply,
      messagePage(
        ctx(request, { kind: 'error', text, ...(local?.hint ? { hint: local.hint } : {}) }),
        t(lang, 'cluster.ui.refused'),
      ),
      status,
    );
  });

  const reportableFor = (state: ClusterState, actor: ClusterActor) =>
    state.projects
      .filter(
        (p) =>
          p.status === 'approved' &&
          (actor.roles.includes('cluster_secretariat') ||
            (actor.roles.includes('economic_owner') && actor.organisation === p.owner)),
      )
      .map((p) => p.id);

  app.get('/cluster', READ, async (request, reply) => {
    const year = yearOf(request);
    const { state, rows } = await meetingOverview(app.store, year);
    const actor = actorOf(request);
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return html(
      reply,
      overviewPage(
        ctx(request, saved ? { kind: 'info', text: t(requestLang(request), 'cluster.ui.saved') } : undefined),
        {
          year,
          state,
          rows,
          balances: await fundBalances(app.store, state),
          canDecide: actor.roles.includes('cluster_secretariat'),
          reportable: reportableFor(state, actor),
        },
      ),
    );
  });

  app.post('/cluster/decisions', SECRETARIAT, async (request, reply) => {
    const body = request.body as Body;
    const outcome = str(body, 'outcome');
    if (outcome !== 'approved' && outcome !== 'rejected' && outcome !== 'postponed')
      throw Object.assign(userError('cluster.bad_outcome', { value: outcome.slice(0, 20) }), { status: 400 });
    const frame = str(body, 'frame');
    const meeting = str(body, 'meeting');
    await recordDecision(app.store, actorOf(request), {
      project: str(body, 'project'),
      meeting,
      outcome,
      ...(frame ? { frame: amountOf(frame) } : {}),
      ...(str(body, 'note') ? { note: str(body, 'note') } : {}),
    });
    return reply.redirect(`/cluster?year=${meeting.slice(0, 4)}&saved=1&lang=${requestLang(request)}`, 303);
  });

  app.post('/cluster/spend', READ, async (request, reply) => {
    const body = request.body as Body;
    const input = {
      project: str(body, 'project'),
      org: str(body, 'org'),
      year: Number(str(body, 'year')),
      amount: amountOf(str(body, 'amount')),
    };
    if (str(body, 'kind') === 'actual') await reportCost(app.store, actorOf(request), input);
    else await reportExpectedSpend(app.store, actorOf(request), input);
    return reply.redirect(`/cluster?year=${input.year}&saved=1&lang=${requestLang(request)}`, 303);
  });

  const settlementQuery = (request: FastifyRequest) => {
    const q = request.query as Record<string, unknown>;
    return { fund: typeof q.fund === 'string' ? q.fund : '', year: yearOf(request) };
  };

  app.get('/cluster/settlement', READ, async (request, reply) => {
    const { fund, year } = settlementQuery(request);
    const state = await loadCluster(app.store);
    const s = await settlementFor(app.store, fund, year, state);
    return html(reply, settlementPage(ctx(request), state, fund, s));
  });

  app.get('/api/cluster/settlement', READ, async (request) => {
    const { fund, year } = settlementQuery(request);
    return toJsonSafe(await settlementFor(app.store, fund, year));
  });

  app.get('/cluster/settlement.xlsx', READ, async (request, reply) => {
    const { fund, year } = settlementQuery(request);
    const lang = requestLang(request);
    const state = await loadCluster(app.store);
    const s = await settlementFor(app.store, fund, year, state);
    await appendAudit(app.store, {
      actor: request.user!.id,
      action: 'cluster.export',
      purpose: 'cluster',
      subject: fund,
      detail: { what: 'settlement', year },
    });
    return xlsx(reply, `udligning-${fund}-${year}.xlsx`, await settlementWorkbook(lang, state, s));
  });

  app.get('/cluster/overview.xlsx', READ, async (request, reply) => {
    const year = yearOf(request);
    const lang = requestLang(request);
    const { state, rows } = await meetingOverview(app.store, year);
    const balances = await fundBalances(app.store, state);
    await appendAudit(app.store, {
      actor: request.user!.id,
      action: 'cluster.export',
      purpose: 'cluster',
      detail: { what: 'meeting_overview', year },
    });
    const wb = new ExcelJS.Workbook();
    const name = (id: string) => state.orgs.find((o) => o.id === id)?.name ?? id;
    const L = (k: string, vars = {}) => t(lang, `cluster.ui.${k}`, vars);
    const sum = (p: (typeof rows)[number]['project'], y: number) =>
      p.budget.filter((b) => b.year === y).reduce((a, b) => a + b.amount, 0n);
    sheet(
      wb,
      L('sheet_initiatives'),
      [
        L('project'),
        L('owner'),
        L('fund'),
        L('frame'),
        L('budget_year', { year }),
        L('budget_year', { year: year + 1 }),
      ],
      rows.map((r) => [
        r.project.title,
        name(r.project.owner),
        state.funds.find((f) => f.id === r.project.fund)?.name ?? r.project.fund,
        kroner(r.project.frame),
        kroner(sum(r.project, year)),
        kroner(sum(r.project, year + 1)),
      ]),
    );
    sheet(
      wb,
      L('sheet_spend'),
      [L('project'), L('organisation'), L('year_n', { year }), L('year_n', { year: year + 1 })],
      rows.flatMap((r) =>
        Object.entries(r.spend).map(([org, s]) => [
          r.project.title,
          name(org),
          kroner(s.thisYear),
          kroner(s.nextYear),
        ]),
      ),
    );
    sheet(
      wb,
      L('sheet_balances'),
      [L('year'), L('fund'), L('organisation'), L('opening'), L('grant'), L('drawn'), L('closing')],
      balances.map((b) => [
        b.year,
        state.funds.find((f) => f.id === b.fund)?.name ?? b.fund,
        name(b.member),
        kroner(b.opening),
        kroner(b.grant),
        kroner(b.drawn),
        kroner(b.closing),
      ]),
    );
    return xlsx(reply, `klyngeoverblik-${year}.xlsx`, wb);
  });

  app.get('/cluster/forecasts', READ, async (request, reply) => {
    const list = await app.store.query<{ id: string; title: string }>(
      'SELECT id, title FROM cluster_forecast ORDER BY id',
    );
    return html(reply, forecastsPage(ctx(request), list));
  });

  app.get('/cluster/forecasts/:id', READ, async (request, reply) => {
    const id = String((request.params as Record<string, unknown>).id ?? '');
    const state = await loadCluster(app.store);
    const f = await forecastFor(app.store, id);
    return html(reply, forecastPage(ctx(request), state, f.title, f.result));
  });
}

/** Øre → kroner as a spreadsheet number (exact for every amount below 90 000 billion kr.). */
const kroner = (v: bigint | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v) / 100;

function sheet(wb: ExcelJS.Workbook, title: string, header: string[], rows: unknown[][]): void {
  const ws = wb.addWorksheet(title.slice(0, 31));
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(sheetValue));
  ws.columns.forEach((c, i) => {
    c.width = Math.max(12, Math.min(48, header[i]!.length + 4));
    if (i > 0) c.numFmt = '#,##0.00';
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

async function settlementWorkbook(lang: Lang, state: ClusterState, s: Settlement): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const L = (k: string) => t(lang, `cluster.ui.${k}`);
  const name = (id: string) => state.orgs.find((o) => o.id === id)?.name ?? id;
  sheet(
    wb,
    L('sheet_statement'),
    [L('organisation'), L('paid'), L('share'), L('on_account_paid'), L('on_account_received'), L('net')],
    s.statements.map((x) => [
      name(x.org),
      kroner(x.paid),
      kroner(x.share),
      kroner(x.onAccountPaid),
      kroner(x.onAccountReceived),
      kroner(x.net),
    ]),
  );
  sheet(
    wb,
    L('sheet_transfers'),
    [L('from'), L('to'), L('amount')],
    s.transfers.map((x) => [name(x.from), name(x.to), kroner(x.amount)]),
  );
  return wb;
}

async function xlsx(reply: FastifyReply, filename: string, wb: ExcelJS.Workbook) {
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(buffer);
}

/** bigint as a decimal string, for JSON. */
function toJsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}
