/**
 * The cluster secretariat's pages: the meeting overview (approved initiatives, expected spend per
 * organisation this year and next, fund balances, the forms to record a decision and report spend),
 * the settlement statement and an initiative forecast. Server-rendered, no scripts, da/sv/en.
 */
import type { Balance } from '../../cluster/funds.js';
import type { Forecast } from '../../cluster/forecast.js';
import { councilsOf } from '../../cluster/indicator-succession.js';
import type { IndicatorDef, Progress, Published } from '../../cluster/indicators.js';
import type { Settlement } from '../../cluster/settlement.js';
import type { ClusterState, OverviewRow } from '../../cluster/store.js';
import { t } from '../../core/messages.js';
import { formatDate, formatMoney, formatNumber, type Lang } from '../../i18n.js';
import { csrfInput, esc, page, type Account, type Frame } from '../page.js';

export interface ClusterPageContext {
  lang: Lang;
  path: string;
  csrf: string;
  message?: Frame['message'];
  /** the signed-in reader: the links shown are those they may open, and the sign-out button */
  account?: Account;
}

const money = (v: bigint | null | undefined, lang: Lang) =>
  v === null || v === undefined ? '–' : formatMoney(v, lang);
const num = (text: string) => `<td class="num">${esc(text)}</td>`;

function frame(ctx: ClusterPageContext, title: string, body: string): string {
  const l = ctx.lang;
  return page(
    {
      lang: l,
      path: ctx.path,
      title,
      area: t(l, 'cluster.ui.area'),
      nav: {
        label: t(l, 'cluster.ui.nav'),
        links: [
          { href: `/cluster?lang=${l}`, text: t(l, 'cluster.ui.overview') },
          { href: `/cluster/forecasts?lang=${l}`, text: t(l, 'cluster.ui.forecasts') },
          { href: `/cluster/indicators?lang=${l}`, text: t(l, 'cluster.ui.indicators') },
        ],
      },
      languageLabel: t(l, 'cluster.ui.language'),
      ...(ctx.message ? { message: ctx.message } : {}),
      ...(ctx.account ? { account: ctx.account } : {}),
    },
    body,
  );
}

const orgName = (state: ClusterState, id: string) => state.orgs.find((o) => o.id === id)?.name ?? id;

const day = (iso: string, l: Lang) => `<time datetime="${esc(iso)}">${esc(formatDate(iso, l))}</time>`;

/** The health councils of the file: the name, the member municipalities, the cluster taken over and the date. */
function councilSections(l: Lang, state: ClusterState): string {
  const cap = (key: string, vars = {}) => esc(t(l, `cluster.ui.${key}`, vars));
  return councilsOf(state.orgs, state.takeovers)
    .map(
      (
        c,
        i,
      ) => `<section aria-labelledby="h-council-${i}" class="council"><h2 id="h-council-${i}">${cap('council_heading', { name: c.name })}</h2>
<dl>${c.validFrom ? `<dt>${cap('council_valid_from')}</dt><dd>${day(c.validFrom, l)}</dd>` : ''}<dt>${cap('council_members')}</dt><dd><ul>${c.members.map((m) => `<li>${esc(m.name)}</li>`).join('')}</ul></dd>${c.tookOver
        .map(
          (x) =>
            `<dt>${cap('council_predecessor')}</dt><dd>${esc(x.name)}</dd><dt>${cap('council_takeover_date')}</dt><dd>${day(x.date, l)}</dd>`,
        )
        .join('')}</dl>
<p class="muted">${cap('council_explained')}</p></section>`,
    )
    .join('');
}

export interface OverviewPageData {
  year: number;
  state: ClusterState;
  rows: OverviewRow[];
  balances: Balance[];
  canDecide: boolean;
  /** the projects the user may report spend for */
  reportable: string[];
}

/** The meeting overview and its forms. */
export function overviewPage(ctx: ClusterPageContext, d: OverviewPageData): string {
  const l = ctx.lang;
  const { state, year } = d;
  const cap = (key: string, vars = {}) => esc(t(l, `cluster.ui.${key}`, vars));
  const budgetIn = (p: OverviewRow['project'], y: number) =>
    p.budget.filter((b) => b.year === y).reduce((s, b) => s + b.amount, 0n);
  const initiatives = `<section aria-labelledby="h-init"><h2 id="h-init">${cap('initiatives')}</h2>
<table><caption>${cap('initiatives_caption', { year })}</caption>
<thead><tr><th scope="col">${cap('project')}</th><th scope="col">${cap('owner')}</th><th scope="col">${cap('fund')}</th><th scope="col" class="num">${cap('frame')}</th><th scope="col" class="num">${cap('budget_year', { year })}</th><th scope="col" class="num">${cap('budget_year', { year: year + 1 })}</th></tr></thead>
<tbody>${
    d.rows
      .map(
        (r) =>
          `<tr><th scope="row">${esc(r.project.title)}</th><td>${esc(orgName(state, r.project.owner))}</td><td>${esc(state.funds.find((f) => f.id === r.project.fund)?.name ?? r.project.fund)}</td>${num(money(r.project.frame, l))}${num(money(budgetIn(r.project, year), l))}${num(money(budgetIn(r.project, year + 1), l))}</tr>`,
      )
      .join('') || `<tr><td colspan="6">${cap('none')}</td></tr>`
  }</tbody></table></section>`;
  const spendRows = d.rows.flatMap((r) =>
    Object.entries(r.spend).map(
      ([org, s]) =>
        `<tr><th scope="row">${esc(r.project.title)}</th><td>${esc(orgName(state, org))}</td>${num(money(s.thisYear, l))}${num(money(s.nextYear, l))}</tr>`,
    ),
  );
  const spend = `<section aria-labelledby="h-spend"><h2 id="h-spend">${cap('expected_spend')}</h2>
<table><caption>${cap('expected_spend_caption', { year, next: year + 1 })}</caption>
<thead><tr><th scope="col">${cap('project')}</th><th scope="col">${cap('organisation')}</th><th scope="col" class="num">${cap('year_n', { year })}</th><th scope="col" class="num">${cap('year_n', { year: year + 1 })}</th></tr></thead>
<tbody>${spendRows.join('') || `<tr><td colspan="4">${cap('none')}</td></tr>`}</tbody></table></section>`;
  const bal = d.balances.filter((b) => b.year === year);
  const balances = `<section aria-labelledby="h-bal"><h2 id="h-bal">${cap('balances')}</h2>
<table><caption>${cap('balances_caption', { year })}</caption>
<thead><tr><th scope="col">${cap('fund')}</th><th scope="col">${cap('organisation')}</th><th scope="col" class="num">${cap('opening')}</th><th scope="col" class="num">${cap('grant')}</th><th scope="col" class="num">${cap('drawn')}</th><th scope="col" class="num">${cap('closing')}</th></tr></thead>
<tbody>${
    bal
      .map(
        (b) =>
          `<tr><td>${esc(state.funds.find((f) => f.id === b.fund)?.name ?? b.fund)}</td><th scope="row">${esc(orgName(state, b.member))}</th>${num(money(b.opening, l))}${num(money(b.grant, l))}${num(money(b.drawn, l))}${num(money(b.closing, l))}</tr>`,
      )
      .join('') || `<tr><td colspan="6">${cap('none')}</td></tr>`
  }</tbody></table>
<p>${state.funds
    .map(
      (f) =>
        `<a href="/cluster/settlement?fund=${encodeURIComponent(f.id)}&amp;year=${year}&amp;lang=${l}">${cap('settlement_link', { fund: f.name, year })}</a>`,
    )
    .join(' · ')}</p></section>`;
  const options = (items: { id: string; label: string }[]) =>
    items.map((i) => `<option value="${esc(i.id)}">${esc(i.label)}</option>`).join('');
  const decide = d.canDecide
    ? `<section aria-labelledby="h-decide" class="noprint"><h2 id="h-decide">${cap('record_decision')}</h2>
<form method="post" action="/cluster/decisions?lang=${l}">${csrfInput(ctx.csrf)}
<label for="d-project">${cap('project')}</label><select id="d-project" name="project">${options(state.projects.map((p) => ({ id: p.id, label: p.title })))}</select>
<label for="d-meeting">${cap('meeting')}</label><input type="date" id="d-meeting" name="meeting" required>
<label for="d-outcome">${cap('outcome')}</label><select id="d-outcome" name="outcome">${options(['approved', 'rejected', 'postponed'].map((o) => ({ id: o, label: t(l, `cluster.ui.outcome_${o}`) })))}</select>
<label for="d-frame">${cap('frame_kr')}</label><input type="text" inputmode="decimal" id="d-frame" name="frame">
<label for="d-note">${cap('note')}</label><input type="text" id="d-note" name="note">
<button type="submit">${cap('save_decision')}</button></form></section>`
    : '';
  const reportable = state.projects.filter((p) => d.reportable.includes(p.id));
  const report = reportable.length
    ? `<section aria-labelledby="h-report" class="noprint"><h2 id="h-report">${cap('report_spend')}</h2>
<form method="post" action="/cluster/spend?lang=${l}">${csrfInput(ctx.csrf)}
<label for="s-project">${cap('project')}</label><select id="s-project" name="project">${options(reportable.map((p) => ({ id: p.id, label: p.title })))}</select>
<label for="s-org">${cap('organisation')}</label><select id="s-org" name="org">${options(state.orgs.map((o) => ({ id: o.id, label: o.name })))}</select>
<label for="s-kind">${cap('spend_kind')}</label><select id="s-kind" name="kind"><option value="expected">${cap('spend_expected')}</option><option value="actual">${cap('spend_actual')}</option></select>
<label for="s-year">${cap('year')}</label><input type="number" id="s-year" name="year" value="${year}" min="2000" max="2100" required>
<label for="s-amount">${cap('amount_kr')}</label><input type="text" inputmode="decimal" id="s-amount" name="amount" required>
<button type="submit">${cap('save_report')}</button></form></section>`
    : '';
  const upload = d.canDecide
    ? `<section aria-labelledby="h-upload" class="noprint"><h2 id="h-upload">${cap('upload')}</h2>
<p>${cap('upload_explained', { mb: UPLOAD_LIMIT_MB })}</p>
<form method="post" action="/cluster/upload?lang=${l}" enctype="multipart/form-data">${csrfInput(ctx.csrf)}
<label for="u-file">${cap('upload_file')}</label><input type="file" id="u-file" name="file" accept=".yaml,.yml,.xlsx" required>
<button type="submit">${cap('upload_button')}</button></form></section>`
    : '';
  const downloads = `<p class="noprint"><a href="/cluster/overview.xlsx?year=${year}&amp;lang=${l}" download>${cap('download_overview')}</a> · <a href="/cluster/overview.pdf?year=${year}&amp;lang=${l}" download>${cap('download_overview_pdf')}</a></p>
<form method="get" action="/cluster" class="noprint"><label for="o-year">${cap('year')}</label><input type="number" id="o-year" name="year" value="${year}" min="2000" max="2100"><input type="hidden" name="lang" value="${l}"><button type="submit">${cap('show_year')}</button></form>`;
  return frame(
    ctx,
    t(l, 'cluster.ui.overview_title', { year }),
    downloads + councilSections(l, state) + initiatives + spend + balances + decide + report + upload,
  );
}

/** The settlement statement: per organisation paid, share, a-conto, net; the transfers. */
export function settlementPage(
  ctx: ClusterPageContext,
  state: ClusterState,
  fund: string,
  s: Settlement,
): string {
  const l = ctx.lang;
  const cap = (key: string, vars = {}) => esc(t(l, `cluster.ui.${key}`, vars));
  const fundName = state.funds.find((f) => f.id === fund)?.name ?? fund;
  const rows = s.statements
    .map(
      (x) =>
        `<tr><th scope="row">${esc(orgName(state, x.org))}</th>${num(money(x.paid, l))}${num(money(x.share, l))}${num(money(x.onAccountPaid, l))}${num(money(x.onAccountReceived, l))}${num(money(x.net, l))}</tr>`,
    )
    .join('');
  const transfers = s.transfers
    .map(
      (x) =>
        `<tr><td>${esc(orgName(state, x.from))}</td><td>${esc(orgName(state, x.to))}</td>${num(money(x.amount, l))}</tr>`,
    )
    .join('');
  const q = `fund=${encodeURIComponent(fund)}&amp;year=${s.year}&amp;lang=${l}`;
  const body = `<p class="noprint"><a href="/cluster/settlement.xlsx?${q}" download>${cap('download_settlement')}</a> · <a href="/cluster/settlement.pdf?${q}" download>${cap('download_settlement_pdf')}</a></p>
<section aria-labelledby="h-st"><h2 id="h-st">${cap('statement')}</h2>
<table><caption>${cap('statement_caption', { fund: fundName, year: s.year, total: formatMoney(s.total, l) })}</caption>
<thead><tr><th scope="col">${cap('organisation')}</th><th scope="col" class="num">${cap('paid')}</th><th scope="col" class="num">${cap('share')}</th><th scope="col" class="num">${cap('on_account_paid')}</th><th scope="col" class="num">${cap('on_account_received')}</th><th scope="col" class="num">${cap('net')}</th></tr></thead>
<tbody>${rows}</tbody></table><p class="muted">${cap('net_explained')}</p></section>
<section aria-labelledby="h-tr"><h2 id="h-tr">${cap('transfers')}</h2>
<table><caption>${cap('transfers_caption')}</caption><thead><tr><th scope="col">${cap('from')}</th><th scope="col">${cap('to')}</th><th scope="col" class="num">${cap('amount')}</th></tr></thead>
<tbody>${transfers || `<tr><td colspan="3">${cap('no_transfers')}</td></tr>`}</tbody></table></section>`;
  return frame(ctx, t(l, 'cluster.ui.settlement_title', { fund: fundName, year: s.year }), body);
}

/** The list of forecasts. */
export function forecastsPage(ctx: ClusterPageContext, list: { id: string; title: string }[]): string {
  const l = ctx.lang;
  const items = list
    .map(
      (f) =>
        `<li><a href="/cluster/forecasts/${encodeURIComponent(f.id)}?lang=${l}">${esc(f.title)}</a></li>`,
    )
    .join('');
  return frame(
    ctx,
    t(l, 'cluster.ui.forecasts'),
    `<section><ul>${items || `<li>${esc(t(l, 'cluster.ui.none'))}</li>`}</ul></section>`,
  );
}

/** One forecast: included citizens by month beside the reported, and the cost per organisation per year. */
export function forecastPage(
  ctx: ClusterPageContext,
  state: ClusterState,
  title: string,
  f: Forecast,
): string {
  const l = ctx.lang;
  const cap = (key: string, vars = {}) => esc(t(l, `cluster.ui.${key}`, vars));
  const munis = Object.keys(f.months[0]?.included ?? {});
  const head = munis.map((m) => `<th scope="col" class="num">${esc(orgName(state, m))}</th>`).join('');
  const months = f.months
    .map((m) => {
      const total = munis.reduce((s, k) => s + m.included[k]!, 0);
      const actual = m.actual ? Object.values(m.actual).reduce((s, v) => s + v, 0) : null;
      return `<tr><th scope="row">${esc(m.month)}</th>${munis.map((k) => num(String(m.included[k]))).join('')}${num(String(total))}${num(actual === null ? '–' : String(actual))}</tr>`;
    })
    .join('');
  const costs = f.costs
    .map(
      (c) =>
        `<tr><td>${c.year}</td><th scope="row">${esc(orgName(state, c.org))}</th>${num(money(c.equipment, l))}${num(money(c.monitoring, l))}${num(money(c.total, l))}</tr>`,
    )
    .join('');
  const body = `<section aria-labelledby="h-inc"><h2 id="h-inc">${cap('included')}</h2>
<table><caption>${cap('included_caption')}</caption><thead><tr><th scope="col">${cap('month')}</th>${head}<th scope="col" class="num">${cap('total')}</th><th scope="col" class="num">${cap('reported')}</th></tr></thead><tbody>${months}</tbody></table></section>
<section aria-labelledby="h-cost"><h2 id="h-cost">${cap('forecast_costs')}</h2>
<table><caption>${cap('forecast_costs_caption')}</caption><thead><tr><th scope="col">${cap('year')}</th><th scope="col">${cap('organisation')}</th><th scope="col" class="num">${cap('equipment')}</th><th scope="col" class="num">${cap('monitoring')}</th><th scope="col" class="num">${cap('total')}</th></tr></thead><tbody>${costs}</tbody></table></section>`;
  return frame(ctx, title, body);
}

/** The largest cluster file the upload form takes, in MB (the route's body limit). */
export const UPLOAD_LIMIT_MB = 5;

export interface IndicatorPageData {
  state: ClusterState;
  threshold: number;
  items: { def: IndicatorDef; rows: Progress[] }[];
  /** the reported indicators the user may report for, and the organisations they may report for */
  report: { indicators: IndicatorDef[]; orgs: string[] };
}

/** The cluster's indicators: per indicator the cluster and each member with baseline, target, latest value, trend and progress. */
export function indicatorsPage(ctx: ClusterPageContext, d: IndicatorPageData): string {
  const l = ctx.lang;
  const cap = (key: string, vars = {}) => esc(t(l, `cluster.ui.${key}`, vars));
  const fmt = (v: Published | null, decimals = 2) =>
    v === null ? '–' : v === 'hidden' ? 'x' : formatNumber(v, l, Number.isInteger(v) ? 0 : decimals);
  const sections = d.items
    .map(({ def, rows }, i) => {
      const target =
        def.targetValue !== null
          ? cap('target_value', {
              value: formatNumber(def.targetValue, l, Number.isInteger(def.targetValue) ? 0 : 2),
            })
          : cap('target_change', {
              sign: def.targetChangePct! > 0 ? '+' : '',
              pct: formatNumber(def.targetChangePct!, l, Number.isInteger(def.targetChangePct!) ? 0 : 1),
              period: def.baselinePeriod,
            });
      const body = rows
        .map((r) => {
          // after a takeover the cluster row is the council's, with the cluster's periods as its history
          const history = (r.predecessors ?? [])
            .map((p) =>
              cap('council_history', { until: formatDate(p.until, l), predecessor: orgName(d.state, p.org) }),
            )
            .join('; ');
          const unit =
            r.level !== 'cluster'
              ? esc(orgName(d.state, r.unit))
              : r.holder
                ? `${esc(orgName(d.state, r.holder))}${history ? ` <span class="muted">(${history})</span>` : ''}`
                : cap('whole_cluster');
          const trend = r.trend ? cap(`trend_${r.trend}`) : '–';
          const met =
            r.met === null ? '–' : r.met === 'hidden' ? 'x' : r.met ? cap('met_yes') : cap('met_no');
          const progress =
            r.progressPct === null
              ? '–'
              : r.progressPct === 'hidden'
                ? 'x'
                : `${formatNumber(r.progressPct, l)} %`;
          return `<tr><th scope="row">${unit}</th>${num(fmt(r.baseline))}${num(fmt(r.target))}<td>${esc(r.latestPeriod ?? '–')}</td>${num(fmt(r.latest))}<td>${trend}</td>${num(progress)}<td>${met}</td></tr>`;
        })
        .join('');
      return `<section aria-labelledby="h-ind-${i}"><h2 id="h-ind-${i}">${esc(def.title)}</h2>
<p>${target} · ${cap(def.better === 'higher' ? 'better_higher' : 'better_lower')}${def.followUp ? ` · ${esc(def.followUp)}` : ''}</p>${def.note ? `<p class="muted">${esc(def.note)}</p>` : ''}
<table><caption>${cap('indicator_caption', { title: def.title, period: def.baselinePeriod })}</caption>
<thead><tr><th scope="col">${cap('unit')}</th><th scope="col" class="num">${cap('baseline', { period: def.baselinePeriod })}</th><th scope="col" class="num">${cap('target')}</th><th scope="col">${cap('latest_period')}</th><th scope="col" class="num">${cap('latest')}</th><th scope="col">${cap('trend')}</th><th scope="col" class="num">${cap('progress')}</th><th scope="col">${cap('met')}</th></tr></thead>
<tbody>${body || `<tr><td colspan="8">${cap('no_values')}</td></tr>`}</tbody></table></section>`;
    })
    .join('');
  const options = (items: { id: string; label: string }[]) =>
    items.map((i) => `<option value="${esc(i.id)}">${esc(i.label)}</option>`).join('');
  const form =
    d.report.indicators.length && d.report.orgs.length
      ? `<section aria-labelledby="h-ind-report" class="noprint"><h2 id="h-ind-report">${cap('report_indicator')}</h2>
<form method="post" action="/cluster/indicators?lang=${l}">${csrfInput(ctx.csrf)}
<label for="i-indicator">${cap('indicator')}</label><select id="i-indicator" name="indicator">${options(d.report.indicators.map((x) => ({ id: x.id, label: x.title })))}</select>
<label for="i-org">${cap('organisation')}</label><select id="i-org" name="org">${options(d.report.orgs.map((o) => ({ id: o, label: orgName(d.state, o) })))}</select>
<label for="i-period">${cap('period')}</label><input type="text" id="i-period" name="period" required pattern="\\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?" aria-describedby="i-period-help"><p id="i-period-help" class="muted">${cap('period_help')}</p>
<label for="i-value">${cap('count')}</label><input type="number" id="i-value" name="value" min="0" step="1" required>
<button type="submit">${cap('save_report')}</button></form></section>`
      : '';
  return frame(
    ctx,
    t(l, 'cluster.ui.indicators_title'),
    `${councilSections(l, d.state)}${sections || `<section><p>${cap('no_indicators')}</p></section>`}<p class="muted">${cap('hidden_explained', { threshold: d.threshold })}</p>${form}`,
  );
}

/** A page that only says something (a refusal, an error). */
export function messagePage(ctx: ClusterPageContext, title: string): string {
  return frame(
    ctx,
    title,
    `<p><a href="/cluster?lang=${ctx.lang}">${esc(t(ctx.lang, 'cluster.ui.back'))}</a></p>`,
  );
}
