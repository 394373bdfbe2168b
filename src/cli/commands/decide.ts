import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { t, userError } from '../../core/messages.js';
import { fraction, roundHalfAway, type Fraction } from '../../core/money.js';
import { breakPointHours, DAYS_PER_MONTH, moveUsers, unitCost } from '../../decisions/break-point.js';
import { evaluateInvestment, type PayerYear } from '../../decisions/investment.js';
import { parseCaseFile, toInvestmentCase } from '../../decisions/load.js';
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

/** The published unit-cost table of the workspace (suppressed like every published figure). */
async function unitCostTable(ws: Workspace) {
  const engine = await openWarehouse(ws, { readOnly: true });
  try {
    return (await publishMarts(engine, ws.config.suppression.threshold)).get('mart_unit_cost')!;
  } finally {
    await engine.close();
  }
}

export const registerDecide: RegisterCommand = (program, ctx) => {
  const decide = program.command('decide').description(ctx.help('decide.about'));
  registerDecidePayers(decide, ctx);

  decide
    .command('invest')
    .description(ctx.help('decide.invest.about'))
    .argument('<file>', ctx.help('decide.invest.arg.file'))
    .option('--excel <file.xlsx>', ctx.help('decide.invest.opt.excel'))
    .action(async (file: string, opts: { excel?: string }, cmd) => {
      const out = ctx.output(cmd);
      const lang = out.lang;
      const parsed = parseCaseFile(readFileSync(file, 'utf8'), file, lang);
      const needsWorkspace = parsed.effects.some((e) => e.unit_cost_service !== undefined);
      const table = needsWorkspace ? await unitCostTable(ctx.workspace(cmd)) : null;
      const sources = new Map<string, ServiceFigures>();
      const c = await toInvestmentCase(parsed, async (service) => {
        const f = serviceFigures(table!, service, parsed.municipality);
        sources.set(service, f);
        return unitCost(f.totalMinor, f.volume);
      });
      const result = evaluateInvestment(c);
      const name = new Map([
        ...parsed.payers.map((p) => [p.id, p.name] as const),
        ['*', t(lang, 'decisions.all_payers')],
      ]);
      const money = (v: bigint) => formatMoney(v, lang);
      const head = (k: string) => t(lang, `decisions.head.${k}`);
      const shown = (r: PayerYear) => ({
        [head('payer')]: name.get(r.payer)!,
        [head('year')]: r.year,
        [head('cost')]: money(r.costMinor),
        [head('saving')]: money(r.savingMinor.expected),
        [head('net_low')]: money(r.netMinor.low),
        [head('net')]: money(r.netMinor.expected),
        [head('net_high')]: money(r.netMinor.high),
        [head('cumulative')]: money(r.cumulativeNetMinor.expected),
      });
      const assumptions = c.effects.map((e) => {
        const src = parsed.effects.find((p) => p.id === e.id)!.unit_cost_service;
        const f = src ? sources.get(src) : undefined;
        return t(lang, 'decisions.assumption', {
          name: e.name,
          unit_cost: formatMoney(ore(e.unitCost), lang),
          source: f
            ? t(lang, 'decisions.source.service', { service: f.service, period: f.period })
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
      out.table(result.rows.map(shown));
      out.info(breakEven.join('\n'));
      out.info(t(lang, 'decisions.assumptions', { effects: assumptions.join('; ') }));
      if (opts.excel) {
        const wb = new ExcelJS.Workbook();
        const sheet = wb.addWorksheet(parsed.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
        const rows = result.rows.map(shown);
        sheet.addRow(Object.keys(rows[0] ?? {}));
        for (const r of result.rows)
          sheet.addRow([
            name.get(r.payer),
            r.year,
            ...[
              r.costMinor,
              r.savingMinor.expected,
              r.netMinor.low,
              r.netMinor.expected,
              r.netMinor.high,
              r.cumulativeNetMinor.expected,
            ].map((v) => Number(v) / 100),
          ]);
        sheet.getRow(1).font = { bold: true };
        for (let col = 3; col <= 8; col++) sheet.getColumn(col).numFmt = '#,##0.00';
        sheet.addRow([]);
        for (const line of [
          ...breakEven,
          t(lang, 'decisions.assumptions', { effects: assumptions.join('; ') }),
        ])
          sheet.addRow([line]);
        await wb.xlsx.writeFile(opts.excel);
        out.info(t(lang, 'decisions.written', { file: path.basename(opts.excel) }));
      }
      out.result({
        case: parsed.name,
        rows: result.rows,
        break_even: Object.fromEntries(result.breakEven),
        assumptions: c.effects.map((e) => ({
          effect: e.id,
          unit_cost_minor: `${e.unitCost.n}/${e.unitCost.d}`,
          source:
            sources.get(parsed.effects.find((p) => p.id === e.id)!.unit_cost_service ?? '') ?? 'entered',
        })),
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
      const home = serviceFigures(table, opts.homeCare, opts.municipality);
      const place = serviceFigures(table, opts.place, opts.municipality);
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
      const from = serviceFigures(table, opts.from, opts.municipality);
      const to = serviceFigures(table, opts.to, opts.municipality);
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
