import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { t, userError } from '../../core/messages.js';
import { fraction, roundHalfAway, type Fraction } from '../../core/money.js';
import { breakPointHours, DAYS_PER_MONTH, moveUsers, unitCost } from '../../decisions/break-point.js';
import { baselineFromMart, type Baseline } from '../../decisions/baseline.js';
import { evaluateInvestment, type PayerYear } from '../../decisions/investment.js';
import {
  enteredBaseline,
  martBaselineSpec,
  parseCaseFile,
  toInvestmentCase,
  type BaselineOptions,
} from '../../decisions/load.js';
import { serviceFigures, type ServiceFigures } from '../../decisions/unit-costs.js';
import type { Workspace } from '../../config/workspace.js';
import { formatMoney, formatNumber, type Lang } from '../../i18n.js';
import { openWarehouse } from '../../model/warehouse.js';
import { publishMarts } from '../../publish/index.js';
import type { RegisterCommand } from '../context.js';
import { registerDecidePayers } from './decide-payers.js';

/** An exact fraction of øre in whole øre, for display. */
const ore = roundHalfAway;
const decimal = (f: Fraction, lang: Lang, digits = 2) =>
  formatNumber(Number(f.n) / Number(f.d), lang, digits);

/** The workspace's published tables (suppressed like every published figure). */
async function publishedTables(ws: Workspace) {
  const engine = await openWarehouse(ws, { readOnly: true });
  try {
    return await publishMarts(engine, ws.config.suppression.threshold);
  } finally {
    await engine.close();
  }
}
const unitCostTable = async (ws: Workspace) => (await publishedTables(ws)).get('mart_unit_cost')!;

/** A file's text; a path that cannot be read is the user's to fix (named, with the reason), not a crash. */
function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw userError(
      'decisions.read',
      { file, problem: (e as NodeJS.ErrnoException).code ?? 'error' },
      { file },
    );
  }
}

/** Write an export; a folder that is missing or read-only is the user's to fix, not a crash. */
async function written(file: string, write: () => unknown): Promise<void> {
  try {
    await write();
  } catch (e) {
    throw userError(
      'decisions.write',
      { file, problem: (e as NodeJS.ErrnoException).code ?? 'error' },
      { file },
    );
  }
}

/** A CSV field, quoted when it holds the separator, a quote or a line break. */
const csvField = (v: string, sep: string) =>
  v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;

/** The baseline as a reader sees it, beside the assumptions: amounts per payer, source and lineage. */
export function baselineLines(b: Baseline, name: (payer: string) => string, lang: Lang): string[] {
  const amounts = (entries: [string, bigint | null][]) =>
    entries
      .map(
        ([p, v]) =>
          `${name(p)} ${v === null ? t(lang, 'decisions.baseline.hidden_amount') : formatMoney(v, lang)}`,
      )
      .join('; ');
  const payers = amounts([...b.perPayer]);
  const s = b.source;
  if (s.table === null) return [t(lang, 'decisions.baseline.entered', { payers })];
  return [
    t(lang, 'decisions.baseline.mart', {
      group: s.group,
      period: s.period,
      year: s.year,
      municipality:
        s.municipality === null
          ? t(lang, 'decisions.baseline.all_municipalities')
          : t(lang, 'decisions.baseline.one_municipality', { municipality: s.municipality }),
      payers,
      lineage: s.lineage,
    }),
    ...(s.leftOut.length
      ? [
          t(lang, 'decisions.baseline.left_out', {
            payers: amounts(
              s.leftOut.map((l) => [t(lang, 'decisions.payers.payer', { payer: l.payer }), l.costMinor]),
            ),
          }),
        ]
      : []),
    ...(s.withoutYearMinor > 0n
      ? [t(lang, 'decisions.baseline.without_year', { amount: formatMoney(s.withoutYearMinor, lang) })]
      : []),
  ];
}

export const registerDecide: RegisterCommand = (program, ctx) => {
  const decide = program.command('decide').description(ctx.help('decide.about'));
  registerDecidePayers(decide, ctx);

  decide
    .command('invest')
    .description(ctx.help('decide.invest.about'))
    .argument('<file>', ctx.help('decide.invest.arg.file'))
    .option('--group <group>', ctx.help('decide.invest.opt.group'))
    .option('--period <id>', ctx.help('decide.invest.opt.period'))
    .option('--municipality <code>', ctx.help('decide.invest.opt.municipality'))
    .option('--excel <file.xlsx>', ctx.help('decide.invest.opt.excel'))
    .option('--csv <file.csv>', ctx.help('decide.invest.opt.csv'))
    .action(async (file: string, opts: BaselineOptions & { excel?: string; csv?: string }, cmd) => {
      const out = ctx.output(cmd);
      const lang = out.lang;
      const cli: BaselineOptions = Object.fromEntries(
        (['group', 'period', 'municipality'] as const).flatMap((k) =>
          opts[k] === undefined ? [] : [[k, opts[k]]],
        ),
      );
      const parsed = parseCaseFile(readInput(file), file, lang, cli);
      if (cli.municipality !== undefined) parsed.municipality = cli.municipality;
      const martSpec = martBaselineSpec(parsed, cli);
      const needsWorkspace =
        martSpec !== undefined || parsed.effects.some((e) => e.unit_cost_service !== undefined);
      const tables = needsWorkspace ? await publishedTables(ctx.workspace(cmd)) : null;
      const baseline = martSpec
        ? baselineFromMart(
            tables!.get('mart_payer'),
            martSpec.spec,
            parsed.payers.map((p) => p.id),
            martSpec.keys,
          )
        : enteredBaseline(parsed, cli);
      const sources = new Map<string, ServiceFigures>();
      const c = await toInvestmentCase(
        parsed,
        async (service) => {
          const f = serviceFigures(tables!.get('mart_unit_cost')!, service, parsed.municipality);
          sources.set(service, f);
          return unitCost(f.totalMinor, f.volume);
        },
        baseline,
      );
      const result = evaluateInvestment(c);
      const name = new Map([
        ...parsed.payers.map((p) => [p.id, p.name] as const),
        ['*', t(lang, 'decisions.all_payers')],
      ]);
      const money = (v: bigint) => formatMoney(v, lang);
      const head = (k: string) => t(lang, `decisions.head.${k}`);
      // the figures of a row, in the order of the columns (baseline columns only with a baseline)
      const figures = (r: PayerYear): [string, bigint][] => [
        ...(baseline ? [['baseline', r.baselineMinor!] as [string, bigint]] : []),
        ['cost', r.costMinor],
        ['saving', r.savingMinor.expected],
        ['net_low', r.netMinor.low],
        ['net', r.netMinor.expected],
        ['net_high', r.netMinor.high],
        ['cumulative', r.cumulativeNetMinor.expected],
        ...(baseline ? [['with_initiative', r.withInitiativeMinor!] as [string, bigint]] : []),
      ];
      const shown = (r: PayerYear) => ({
        [head('payer')]: name.get(r.payer)!,
        [head('year')]: r.year,
        ...Object.fromEntries(figures(r).map(([k, v]) => [head(k), money(v)])),
      });
      const assumptions = c.effects.map((e) => {
        const spec = parsed.effects.find((p) => p.id === e.id)!;
        const f = spec.unit_cost_service ? sources.get(spec.unit_cost_service) : undefined;
        return t(lang, 'decisions.assumption', {
          name: e.name,
          unit_cost: formatMoney(ore(e.unitCost), lang),
          source: f
            ? t(lang, 'decisions.source.service', { service: f.service, period: f.period })
            : spec.unit_cost_baseline
              ? t(lang, 'decisions.source.baseline', { payer: name.get(spec.unit_cost_baseline)! })
              : t(lang, 'decisions.source.entered'),
        });
      });
      const breakEven = [...result.breakEven].map(([payer, be]) =>
        t(lang, 'decisions.break_even', {
          payer: name.get(payer)!,
          low: be.low ?? t(lang, 'decisions.never'),
          expected: be.expected ?? t(lang, 'decisions.never'),
          high: be.high ?? t(lang, 'decisions.never'),
        }),
      );
      const notes = [
        ...breakEven,
        t(lang, 'decisions.assumptions', { effects: assumptions.join('; ') }),
        ...(baseline ? baselineLines(baseline, (p) => name.get(p) ?? p, lang) : []),
      ];
      out.table(result.rows.map(shown));
      for (const line of notes) out.info(line);
      // the exports: amounts as numbers in kroner, the notes under the table
      const columns = Object.keys(shown(result.rows[0]!));
      const numeric = result.rows.map((r) => [
        name.get(r.payer)!,
        r.year,
        ...figures(r).map(([, v]) => Number(v) / 100),
      ]);
      if (opts.excel) {
        const wb = new ExcelJS.Workbook();
        const sheet = wb.addWorksheet(parsed.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
        sheet.addRow(columns);
        for (const row of numeric) sheet.addRow(row);
        sheet.getRow(1).font = { bold: true };
        for (let col = 3; col <= columns.length; col++) sheet.getColumn(col).numFmt = '#,##0.00';
        sheet.addRow([]);
        for (const line of notes) sheet.addRow([line]);
        await written(opts.excel, () => wb.xlsx.writeFile(opts.excel!));
        out.info(t(lang, 'decisions.written', { file: path.basename(opts.excel) }));
      }
      if (opts.csv) {
        const sep = lang === 'en' ? ',' : ';';
        const line = (cells: (string | number)[]) => cells.map((v) => csvField(String(v), sep)).join(sep);
        const text = [
          line(columns),
          ...numeric.map((r) => line(r.map((v, i) => (i >= 2 ? Number(v).toFixed(2) : v)))),
          '',
          ...notes.map((n) => line([n])),
        ];
        await written(opts.csv, () => writeFileSync(opts.csv!, `\ufeff${text.join('\r\n')}\r\n`));
        out.info(t(lang, 'decisions.written', { file: path.basename(opts.csv) }));
      }
      out.result({
        case: parsed.name,
        rows: result.rows,
        break_even: Object.fromEntries(result.breakEven),
        assumptions: c.effects.map((e) => {
          const spec = parsed.effects.find((p) => p.id === e.id)!;
          return {
            effect: e.id,
            unit_cost_minor: `${e.unitCost.n}/${e.unitCost.d}`,
            source: spec.unit_cost_baseline
              ? { baseline: spec.unit_cost_baseline, percent: 1 }
              : (sources.get(spec.unit_cost_service ?? '') ?? 'entered'),
          };
        }),
        ...(baseline
          ? { baseline: { per_payer_minor: Object.fromEntries(baseline.perPayer), source: baseline.source } }
          : {}),
      });
    });

  decide
    .command('break-point')
    .description(ctx.help('decide.break_point.about'))
    .requiredOption('--home-care <code>', ctx.help('decide.break_point.opt.home_care'))
    .requiredOption('--place <code>', ctx.help('decide.break_point.opt.place'))
    .option('--municipality <code>', ctx.help('decide.opt.municipality'))
    .action(async (opts: { homeCare: string; place: string; municipality?: string }, cmd) => {
      const out = ctx.output(cmd);
      const table = await unitCostTable(ctx.workspace(cmd));
      const home = serviceFigures(table, opts.homeCare, opts.municipality, 'decisions.suppressed_cli');
      const place = serviceFigures(table, opts.place, opts.municipality, 'decisions.suppressed_cli');
      if (!home.unit.startsWith('hour'))
        throw userError('decisions.unit', {
          service: home.service,
          unit: home.unit,
          expected: 'hour_granted',
        });
      if (place.unit !== 'day')
        throw userError('decisions.unit', { service: place.service, unit: place.unit, expected: 'day' });
      const perHour = unitCost(home.totalMinor, home.volume);
      const perDay = unitCost(place.totalMinor, place.volume);
      const hours = breakPointHours(perHour, perDay);
      out.info(
        t(out.lang, 'decisions.break_point', {
          hours: decimal(hours, out.lang, 1),
          per_hour: formatMoney(ore(perHour), out.lang),
          per_day: formatMoney(ore(perDay), out.lang),
          days: decimal(DAYS_PER_MONTH, out.lang, 4),
        }),
      );
      out.result({
        hours_per_month: Number(hours.n) / Number(hours.d),
        hours_exact: `${hours.n}/${hours.d}`,
        per_hour_minor: `${perHour.n}/${perHour.d}`,
        per_day_minor: `${perDay.n}/${perDay.d}`,
        days_per_month: `${DAYS_PER_MONTH.n}/${DAYS_PER_MONTH.d}`,
        home_care: { service: home.service, period: home.period },
        place: { service: place.service, period: place.period },
      });
    });

  decide
    .command('move')
    .description(ctx.help('decide.move.about'))
    .requiredOption('--from <code>', ctx.help('decide.move.opt.from'))
    .requiredOption('--to <code>', ctx.help('decide.move.opt.to'))
    .requiredOption('--share <percent>', ctx.help('decide.move.opt.share'))
    .option('--municipality <code>', ctx.help('decide.opt.municipality'))
    .action(async (opts: { from: string; to: string; share: string; municipality?: string }, cmd) => {
      const out = ctx.output(cmd);
      const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(opts.share);
      const pct = m ? BigInt(m[1]! + (m[2] ?? '').padEnd(2, '0')) : -1n;
      if (pct < 0n || pct > 10_000n)
        throw userError('decisions.share', { value: opts.share }, { key: '--share' });
      const table = await unitCostTable(ctx.workspace(cmd));
      const from = serviceFigures(table, opts.from, opts.municipality, 'decisions.suppressed_cli');
      const to = serviceFigures(table, opts.to, opts.municipality, 'decisions.suppressed_cli');
      const move = moveUsers(
        { users: from.persons, costMinor: from.totalMinor },
        { users: to.persons, costMinor: to.totalMinor },
        fraction(pct, 10_000n),
      );
      out.info(
        t(out.lang, 'decisions.move', {
          moved: move.moved.toString(),
          users: from.persons.toString(),
          from: from.service,
          to: to.service,
          from_per_user: formatMoney(ore(move.fromPerUser), out.lang),
          to_per_user: formatMoney(ore(move.toPerUser), out.lang),
          change: formatMoney(ore(move.changeMinor), out.lang),
        }),
      );
      out.result({
        moved: move.moved,
        change_minor: ore(move.changeMinor),
        from: {
          service: from.service,
          period: from.period,
          users: from.persons,
          cost_minor: from.totalMinor,
        },
        to: { service: to.service, period: to.period, users: to.persons, cost_minor: to.totalMinor },
      });
    });
};
