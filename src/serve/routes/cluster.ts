/**
 * A health cluster's shared economy over HTTP (issue 16, docs/cluster.md): the meeting overview,
 * decisions, expected-spend and cost reports, the settlement statement and the forecasts, as pages
 * and Excel workbooks. Every route declares its access (purpose 'cluster'); the policy hook enforces
 * the role, and the store functions enforce ownership (an economic owner reports only for its own
 * projects). Every change and every export is in the audit trail.
 */
import path from 'node:path';
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
  type OverviewRow,
} from '../../cluster/store.js';
import type { Balance } from '../../cluster/funds.js';
import {
  indicatorDefs,
  progressOf,
  reportedValues,
  reportIndicatorValue,
  warehouseSeries,
  type Series,
} from '../../cluster/indicators.js';
import {
  followsOrganisations,
  namedHolders,
  warehouseSeriesByDate,
} from '../../cluster/indicator-succession.js';
import { parseAmountText } from '../../cluster/amount.js';
import { loadClusterFile, readClusterFile } from '../../cluster/load.js';
import { publishReported } from './cluster-indicators.js';
import { tablesPdf } from '../../cluster/pdf.js';
import type { Row } from '../../engine/engine.js';
import { formatMoney, type Lang } from '../../i18n.js';
import type { Settlement } from '../../cluster/settlement.js';
import { sheetValue } from '../../core/escape.js';
import { t, userError } from '../../core/messages.js';
import type { Role } from '../../store/access.js';
import { appendAudit } from '../../store/audit.js';
import { requestLang } from '../auth/policy.js';
import { accountOf, sendPage } from '../page.js';
import {
  forecastPage,
  forecastsPage,
  indicatorsPage,
  messagePage,
  overviewPage,
  settlementPage,
  UPLOAD_LIMIT_MB,
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

/** An amount typed in kroner as people write it ("400000", "400.000", "12.500,50", "12 500,50") → øre. */
function amountOf(text: string): bigint {
  const v = parseAmountText(text);
  if (v === undefined)
    throw Object.assign(userError('cluster.bad_amount', { value: text.slice(0, 20) }), { status: 400 });
  return v;
}

function yearOf(request: FastifyRequest): number {
  const q = request.query as Record<string, unknown>;
  const y = Number(q.year);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : new Date().getFullYear();
}

export interface ClusterRouteOptions {
  /** the workspace's suppression threshold (fewer persons than this are never shown) */
  threshold: number;
  /** the warehouse's cluster_indicator rows as the publish path left them (hidden values are null) */
  indicatorRows: () => Promise<readonly Row[]>;
}

/** An uploaded file, as the multipart parser of this plugin gives it. */
interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/** Register the cluster's pages and API on `app` (a Fastify plugin). */
export async function clusterRoutes(app: FastifyInstance, opts: ClusterRouteOptions): Promise<void> {
  // the upload form's body (multipart/form-data), size-limited; parsed with the platform's own parser
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_MB * 1024 * 1024 },
    async (request: FastifyRequest, body: Buffer) => {
      let form: FormData;
      try {
        form = await new Response(new Uint8Array(body), {
          headers: { 'content-type': String(request.headers['content-type']) },
        }).formData();
      } catch {
        throw Object.assign(userError('cluster.upload_bad_form'), { status: 400 });
      }
      const file = form.get('file');
      const csrf = form.get('_csrf');
      return {
        ...(typeof csrf === 'string' ? { _csrf: csrf } : {}),
        ...(file && typeof file !== 'string'
          ? { file: { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) } }
          : {}),
      };
    },
  );

  const ctx = (request: FastifyRequest, message?: ClusterPageContext['message']): ClusterPageContext => {
    const csrf = request.csrfToken();
    const account = accountOf(request, csrf);
    return {
      lang: requestLang(request),
      path: request.url,
      csrf,
      ...(message ? { message } : {}),
      ...(account ? { account } : {}),
    };
  };
  const html = (reply: FastifyReply, body: string, status = 200) => sendPage(reply, body, status);

  app.setErrorHandler(async (error, request, reply) => {
    const lang: Lang = requestLang(request);
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      error = Object.assign(userError('cluster.upload_too_large', { mb: UPLOAD_LIMIT_MB }), { status: 413 });
    if (!isClusterError(error) && !(error instanceof Error && error.name === 'UserError')) throw error;
    const local = (error as { localise?: (l: Lang) => { message: string; hint?: string } }).localise?.(lang);
    const where = whereText(lang, error);
    const text = `${local?.message ?? error.message}${where ? ` (${where})` : ''}`;
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
    const q = request.query as Record<string, unknown>;
    const loaded = typeof q.loaded === 'string' && /^\d{1,9}$/.test(q.loaded) ? Number(q.loaded) : null;
    const info =
      loaded !== null
        ? t(requestLang(request), 'cluster.ui.loaded', { changes: loaded })
        : q.saved === '1'
          ? t(requestLang(request), 'cluster.ui.saved')
          : null;
    return html(
      reply,
      overviewPage(ctx(request, info ? { kind: 'info', text: info } : undefined), {
        year,
        state,
        rows,
        balances: await fundBalances(app.store, state),
        canDecide: actor.roles.includes('cluster_secretariat'),
        reportable: reportableFor(state, actor),
      }),
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

  /** The settlement and its tables for a download, the download audited (what: 'settlement' or 'settlement_pdf'). */
  const settlementData = async (request: FastifyRequest, what: string) => {
    const { fund, year } = settlementQuery(request);
    const lang = requestLang(request);
    const state = await loadCluster(app.store);
    const s = await settlementFor(app.store, fund, year, state);
    await appendAudit(app.store, {
      actor: request.user!.id,
      action: 'cluster.export',
      purpose: 'cluster',
      subject: fund,
      detail: { what, year },
    });
    const fundName = state.funds.find((f) => f.id === fund)?.name ?? fund;
    return { fund, year, lang, s, fundName, tables: settlementTables(lang, state, s) };
  };

  app.get('/cluster/settlement.xlsx', READ, async (request, reply) => {
    const { fund, year, tables } = await settlementData(request, 'settlement');
    return xlsx(reply, `udligning-${fund}-${year}.xlsx`, workbookOf(tables));
  });

  const overviewData = async (request: FastifyRequest) => {
    const year = yearOf(request);
    const { state, rows } = await meetingOverview(app.store, year);
    const balances = await fundBalances(app.store, state);
    await appendAudit(app.store, {
      actor: request.user!.id,
      action: 'cluster.export',
      purpose: 'cluster',
      detail: { what: 'meeting_overview', year },
    });
    return { year, tables: overviewTables(requestLang(request), year, state, rows, balances) };
  };

  app.get('/cluster/overview.xlsx', READ, async (request, reply) => {
    const { year, tables } = await overviewData(request);
    return xlsx(reply, `klyngeoverblik-${year}.xlsx`, workbookOf(tables));
  });

  app.get('/cluster/overview.pdf', READ, async (request, reply) => {
    const lang = requestLang(request);
    const { year, tables } = await overviewData(request);
    return pdf(
      reply,
      `klyngeoverblik-${year}.pdf`,
      lang,
      t(lang, 'cluster.ui.overview_title', { year }),
      tables,
    );
  });

  app.get('/cluster/settlement.pdf', READ, async (request, reply) => {
    const { fund, year, lang, s, fundName, tables } = await settlementData(request, 'settlement_pdf');
    return pdf(
      reply,
      `udligning-${fund}-${year}.pdf`,
      lang,
      t(lang, 'cluster.ui.settlement_title', { fund: fundName, year }),
      tables,
      t(lang, 'cluster.ui.statement_caption', { fund: fundName, year, total: formatMoney(s.total, lang) }),
    );
  });

  // ------------------------------------------------------------ indicators with targets

  const indicatorData = async (request: FastifyRequest) => {
    const state = await loadCluster(app.store);
    const defs = await indicatorDefs(app.store);
    const municipalityOf = new Map(
      (
        await app.store.query<{ id: string; municipality: string | null }>(
          'SELECT id, municipality FROM cluster_org WHERE municipality IS NOT NULL',
        )
      ).map((o) => [o.municipality!, o.id]),
    );
    // after a council's takeover (or with a council on its own) a period belongs to the organisation holding
    // the cluster's work on its first day
    const reported = namedHolders(
      publishReported(await reportedValues(app.store), opts.threshold),
      state.orgs,
      state.takeovers,
    );
    const warehouse = !defs.some((d) => d.source === 'warehouse')
      ? new Map()
      : followsOrganisations(state.orgs, state.takeovers)
        ? warehouseSeriesByDate(defs, await opts.indicatorRows(), state.orgs, state.takeovers)
        : warehouseSeries(defs, await opts.indicatorRows(), municipalityOf);
    const items = defs.map((def) => ({
      def,
      rows: ((def.source === 'reported' ? reported : warehouse).get(def.id) ?? []).map((s: Series) =>
        progressOf(def, s),
      ),
    }));
    const actor = actorOf(request);
    const orgs = actor.roles.includes('cluster_secretariat')
      ? state.orgs.map((o) => o.id)
      : actor.organisation && state.orgs.some((o) => o.id === actor.organisation)
        ? [actor.organisation]
        : [];
    return {
      state,
      threshold: opts.threshold,
      items,
      report: { indicators: defs.filter((d) => d.source === 'reported'), orgs },
    };
  };

  app.get('/cluster/indicators', READ, async (request, reply) => {
    const saved = (request.query as Record<string, unknown>).saved === '1';
    return html(
      reply,
      indicatorsPage(
        ctx(request, saved ? { kind: 'info', text: t(requestLang(request), 'cluster.ui.saved') } : undefined),
        await indicatorData(request),
      ),
    );
  });

  app.post('/cluster/indicators', READ, async (request, reply) => {
    const body = request.body as Body;
    const value = str(body, 'value');
    await reportIndicatorValue(app.store, actorOf(request), {
      indicator: str(body, 'indicator'),
      org: str(body, 'org'),
      period: str(body, 'period'),
      value: /^\d{1,12}$/.test(value) ? Number(value) : -1,
    });
    return reply.redirect(`/cluster/indicators?saved=1&lang=${requestLang(request)}`, 303);
  });

  // ------------------------------------------------------------ uploading a cluster file

  app.post('/cluster/upload', SECRETARIAT, async (request, reply) => {
    const upload = (request.body as { file?: UploadedFile } | undefined)?.file;
    if (!upload || upload.bytes.length === 0)
      throw Object.assign(userError('cluster.upload_missing'), { status: 400 });
    const name = path
      .basename(upload.name)
      .replace(/[^\p{L}\p{N}._ -]/gu, '_')
      .slice(0, 100);
    if (!/\.(ya?ml|xlsx)$/i.test(name))
      throw Object.assign(userError('cluster.upload_kind', { file: name }), { status: 400 });
    let summary;
    try {
      summary = await loadClusterFile(
        app.store,
        actorOf(request),
        await readClusterFile(name, upload.bytes),
        name,
      );
    } catch (e) {
      // nothing was saved (one transaction); the refusal itself is in the audit trail
      await appendAudit(app.store, {
        actor: request.user!.id,
        action: 'cluster.upload_refused',
        purpose: 'cluster',
        subject: name,
        detail: { bytes: upload.bytes.length },
      });
      throw e;
    }
    return reply.redirect(`/cluster?loaded=${summary.total}&lang=${requestLang(request)}`, 303);
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

/** A cell of a downloadable table: an amount (øre), a number or a text. */
type Cell = string | number | bigint | null;
interface Table {
  title: string;
  header: string[];
  rows: Cell[][];
}

const orgNameIn = (state: ClusterState) => (id: string) => state.orgs.find((o) => o.id === id)?.name ?? id;
const fundNameIn = (state: ClusterState) => (id: string) => state.funds.find((f) => f.id === id)?.name ?? id;

/** The meeting overview's three tables (initiatives, expected spend, balances): the workbook and the PDF. */
function overviewTables(
  lang: Lang,
  year: number,
  state: ClusterState,
  rows: OverviewRow[],
  balances: Balance[],
): Table[] {
  const name = orgNameIn(state);
  const fund = fundNameIn(state);
  const L = (k: string, vars = {}) => t(lang, `cluster.ui.${k}`, vars);
  const sum = (p: OverviewRow['project'], y: number) =>
    p.budget.filter((b) => b.year === y).reduce((a, b) => a + b.amount, 0n);
  return [
    {
      title: L('sheet_initiatives'),
      header: [
        L('project'),
        L('owner'),
        L('fund'),
        L('frame'),
        L('budget_year', { year }),
        L('budget_year', { year: year + 1 }),
      ],
      rows: rows.map((r) => [
        r.project.title,
        name(r.project.owner),
        fund(r.project.fund),
        r.project.frame,
        sum(r.project, year),
        sum(r.project, year + 1),
      ]),
    },
    {
      title: L('sheet_spend'),
      header: [L('project'), L('organisation'), L('year_n', { year }), L('year_n', { year: year + 1 })],
      rows: rows.flatMap((r) =>
        Object.entries(r.spend).map(([org, s]) => [r.project.title, name(org), s.thisYear, s.nextYear]),
      ),
    },
    {
      title: L('sheet_balances'),
      header: [L('year'), L('fund'), L('organisation'), L('opening'), L('grant'), L('drawn'), L('closing')],
      rows: balances.map((b) => [
        b.year,
        fund(b.fund),
        name(b.member),
        b.opening,
        b.grant,
        b.drawn,
        b.closing,
      ]),
    },
  ];
}

/** The settlement statement's two tables (per organisation; the transfers): the workbook and the PDF. */
function settlementTables(lang: Lang, state: ClusterState, s: Settlement): Table[] {
  const L = (k: string) => t(lang, `cluster.ui.${k}`);
  const name = orgNameIn(state);
  return [
    {
      title: L('sheet_statement'),
      header: [
        L('organisation'),
        L('paid'),
        L('share'),
        L('on_account_paid'),
        L('on_account_received'),
        L('net'),
      ],
      rows: s.statements.map((x) => [
        name(x.org),
        x.paid,
        x.share,
        x.onAccountPaid,
        x.onAccountReceived,
        x.net,
      ]),
    },
    {
      title: L('sheet_transfers'),
      header: [L('from'), L('to'), L('amount')],
      rows: s.transfers.map((x) => [name(x.from), name(x.to), x.amount]),
    },
  ];
}

function workbookOf(tables: Table[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const tb of tables)
    sheet(
      wb,
      tb.title,
      tb.header,
      tb.rows.map((r) => r.map((c) => (typeof c === 'bigint' ? kroner(c) : c))),
    );
  return wb;
}

async function pdf(
  reply: FastifyReply,
  filename: string,
  lang: Lang,
  title: string,
  tables: Table[],
  subtitle?: string,
) {
  const bytes = await tablesPdf({
    title,
    ...(subtitle ? { subtitle } : {}),
    lang,
    footer: `Tværblik · ${new Date().toISOString().slice(0, 10)}`,
    tables: tables.map((tb) => ({
      heading: tb.title,
      header: tb.header,
      numeric: tb.header.map((_, i) => tb.rows.some((r) => typeof r[i] === 'bigint')),
      rows: tb.rows.map((r) =>
        r.map((c) => (c === null ? '–' : typeof c === 'bigint' ? formatMoney(c, lang) : String(c))),
      ),
    })),
  });
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(bytes));
}

/** Where in an uploaded file a problem is: the sheet and row of a workbook, the line of a YAML file. */
function whereText(lang: Lang, error: unknown): string {
  const loc = (error as { location?: { row?: number; column?: string } }).location;
  if (!loc?.row) return '';
  return loc.column
    ? t(lang, 'cluster.ui.where_sheet', { sheet: loc.column, row: loc.row })
    : t(lang, 'cluster.ui.where_line', { row: loc.row });
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
