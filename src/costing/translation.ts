/**
 * The ledger translation table (översättningstabell, contract C): rules that send every ledger line
 * to exactly one target. Rules are validated here and matched in SQL per distinct code combination.
 */
import type { Engine } from '../engine/engine.js';
import { UserError } from '../errors.js';
import { formatMoney, tr, type Lang } from '../i18n.js';
import { readMappingCsv } from './csv.js';
import { parseCodePattern, splitProvider, type CodePattern, type Provider } from './patterns.js';
import { T } from './messages.js';
import { texts } from '../core/messages.js';

export const CODE_COLUMNS = ['account', 'activity', 'responsibility', 'project', 'counterpart'] as const;
export const TARGET_TYPES = ['intervention', 'pool', 'open_activity', 'excluded', 'nonattributable'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export interface TranslationRule {
  ruleNo: number;
  /** line in the translation-table file */
  line: number;
  priority: number;
  patterns: Record<(typeof CODE_COLUMNS)[number], CodePattern>;
  targetType: TargetType;
  /** catalogue code, pool id, or label */
  target: string;
  /** for interventions: own (default) or external (purchased services) */
  provider: Provider;
  reason: string;
}

export interface RuleContext {
  file: string;
  poolIds: ReadonlySet<string>;
  /** ids of costing.open_activities */
  openIds?: ReadonlySet<string>;
  /** known catalogue codes; undefined = do not check */
  codes?: ReadonlySet<string>;
  lang?: Lang;
}

/** Texts of translation-table errors, from locales/costing-texts (`costing-texts.translation.*`). */
const R = texts('costing-texts.translation', [
  'priority',
  'priorityHint',
  'targetType',
  'oneOf',
  'notCode',
  'notCodeHint',
  'unknownCode',
  'unknownCodeHint',
  'unknownPool',
  'unknownOpen',
  'noReason',
  'noReasonHint',
  'noLabel',
  'noLabelHint',
]);

/** Read and validate the translation table; an error names the file, line and column. */
export function readTranslationTable(ctx: RuleContext): TranslationRule[] {
  const lang = ctx.lang ?? 'en';
  const records = readMappingCsv(ctx.file, ['priority', ...CODE_COLUMNS, 'target_type', 'target', 'reason']);
  const fail = (line: number, column: string, message: string, hint: string): never => {
    throw new UserError(message, { file: ctx.file, row: line, column, hint });
  };
  return records.map((r, i) => {
    const prio = r.get('priority');
    if (!/^-?\d+$/.test(prio))
      fail(r.line, 'priority', tr(R.priority, lang, { value: prio }), tr(R.priorityHint, lang));
    const targetType = r.get('target_type').toLowerCase();
    if (!(TARGET_TYPES as readonly string[]).includes(targetType)) {
      fail(
        r.line,
        'target_type',
        tr(R.targetType, lang, { value: targetType }),
        tr(R.oneOf, lang, { values: TARGET_TYPES.join(', ') }),
      );
    }
    let target = r.get('target');
    const reason = r.get('reason');
    let provider: Provider = 'own';
    if (targetType === 'intervention') {
      const split = splitProvider(target);
      if (!split || split.code === '') {
        fail(r.line, 'target', tr(R.notCode, lang, { value: target }), tr(R.notCodeHint, lang));
      }
      target = split!.code;
      provider = split!.provider ?? 'own';
      if (ctx.codes && !ctx.codes.has(target)) {
        fail(r.line, 'target', tr(R.unknownCode, lang, { value: target }), tr(R.unknownCodeHint, lang));
      }
    } else if (targetType === 'pool') {
      if (!ctx.poolIds.has(target)) {
        fail(
          r.line,
          'target',
          tr(R.unknownPool, lang, { value: target }),
          tr(R.oneOf, lang, { values: [...ctx.poolIds].join(', ') || '–' }),
        );
      }
    } else if (targetType === 'open_activity') {
      const open = ctx.openIds ?? new Set<string>();
      if (!open.has(target)) {
        fail(
          r.line,
          'target',
          tr(R.unknownOpen, lang, { value: target }),
          tr(R.oneOf, lang, { values: [...open].join(', ') || '–' }),
        );
      }
    } else if (targetType === 'excluded') {
      if (reason === '') fail(r.line, 'reason', tr(R.noReason, lang), tr(R.noReasonHint, lang));
      target = target || reason;
    } else if (target === '' && reason === '') {
      fail(r.line, 'target', tr(R.noLabel, lang), tr(R.noLabelHint, lang));
    } else target = target || reason;
    const patterns = Object.fromEntries(
      CODE_COLUMNS.map((c) => [c, parseCodePattern(r.get(c))]),
    ) as TranslationRule['patterns'];
    return {
      ruleNo: i + 1,
      line: r.line,
      priority: Number(prio),
      patterns,
      targetType: targetType as TargetType,
      target,
      provider,
      reason,
    };
  });
}

/** Ledger amount per period, municipality and target, after matching. */
export interface LedgerTarget {
  period: string;
  municipality: string;
  targetType: TargetType;
  target: string;
  provider: Provider;
  lines: bigint;
  amount: bigint;
}

const MATCH_SQL = new URL('../../sql/costing/match.sql', import.meta.url);

/** Match the ledger against the rules in SQL; stops (UserError) on unmatched or doubly matched lines. */
export async function matchLedger(
  engine: Engine,
  rules: TranslationRule[],
  file: string,
  lang: Lang,
): Promise<LedgerTarget[]> {
  const cols = [
    'rule_no',
    'line',
    'priority',
    ...CODE_COLUMNS.flatMap((c) => [`${c}_kind`, `${c}_a`, `${c}_b`]),
  ];
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE cost_work_rule (rule_no INTEGER, line INTEGER, priority BIGINT, ${CODE_COLUMNS.map((c) => `${c}_kind VARCHAR, ${c}_a VARCHAR, ${c}_b VARCHAR`).join(', ')})`,
  );
  await engine.append(
    'cost_work_rule',
    cols,
    rules.map((r) => [
      r.ruleNo,
      r.line,
      r.priority,
      ...CODE_COLUMNS.flatMap((c) => [r.patterns[c].kind, r.patterns[c].a, r.patterns[c].b]),
    ]),
  );
  await engine.execFile(MATCH_SQL);
  // one read of the match: unmatched (winners 0) and doubly matched (winners > 1) lines stop the run
  const rows = await engine.all<{
    period: string;
    municipality: string;
    rule_no: number | null;
    winners: bigint;
    lines: bigint;
    amount: bigint;
  }>(
    `SELECT period, municipality, rule_no, winners, sum(lines)::BIGINT AS lines, sum(amount_minor)::BIGINT AS amount
     FROM cost_work_ledger_rule GROUP BY ALL ORDER BY ALL`,
  );
  for (const kind of ['unmatched', 'double'] as const) {
    const bad = rows.filter((r) => (kind === 'unmatched' ? r.winners === 0n : r.winners > 1n));
    if (bad.length > 0) {
      const sum = (f: (r: (typeof bad)[number]) => bigint) => bad.reduce((a, r) => a + f(r), 0n);
      await stopOnLines(
        engine,
        rules,
        file,
        lang,
        kind,
        sum((r) => r.lines),
        sum((r) => r.amount),
      );
    }
  }
  const byRule = new Map(rules.map((r) => [r.ruleNo, r]));
  const out = new Map<string, LedgerTarget>();
  for (const row of rows) {
    const rule = byRule.get(row.rule_no!)!;
    const k = [row.period, row.municipality, rule.targetType, rule.target, rule.provider].join('\u0001');
    const cur = out.get(k);
    if (cur) {
      cur.lines += row.lines;
      cur.amount += row.amount;
    } else
      out.set(k, {
        period: row.period,
        municipality: row.municipality,
        targetType: rule.targetType,
        target: rule.target,
        provider: rule.provider,
        lines: row.lines,
        amount: row.amount,
      });
  }
  return [...out.values()];
}

const SHOWN = 20;

async function stopOnLines(
  engine: Engine,
  rules: TranslationRule[],
  file: string,
  lang: Lang,
  kind: 'unmatched' | 'double',
  count: bigint,
  amount: bigint,
): Promise<never> {
  const lines = await engine.all<{
    src: string | null;
    row_no: bigint;
    period: string;
    municipality: string;
    account: string;
    activity: string | null;
    responsibility: string | null;
    project: string | null;
    counterpart: string | null;
    amount_minor: bigint;
    rule_nos: number[] | null;
  }>(
    `SELECT il.file AS src, l.row_no, l.period, l.municipality, l.account, l.activity, l.responsibility, l.project,
            l.counterpart, l.amount_minor, cr.rule_nos
     FROM ledger l
     JOIN cost_work_combo c
       ON c.account = coalesce(l.account, '') AND c.activity = coalesce(l.activity, '')
      AND c.responsibility = coalesce(l.responsibility, '') AND c.project = coalesce(l.project, '')
      AND c.counterpart = coalesce(l.counterpart, '')
     JOIN cost_work_combo_rule cr ON cr.combo_id = c.combo_id
     LEFT JOIN import_log il ON il.import_id = l.import_id
     WHERE ${kind === 'unmatched' ? 'cr.winners = 0' : 'cr.winners > 1'}
     ORDER BY l.period, l.municipality, l.import_id, l.row_no LIMIT ${SHOWN}`,
  );
  const lineOf = new Map(rules.map((r) => [r.ruleNo, r.line]));
  // the message in every language, so the CLI can show it in the reader's language as well
  const render = (language: Lang) => {
    const listed = lines.map((l) => {
      const codes = CODE_COLUMNS.map((c) => `${c}=${l[c] ?? ''}`).join(' ');
      const where = `${l.src ? `${l.src} ` : ''}${tr(T.ledgerRow, language)} ${l.row_no}`;
      const rulesText =
        kind === 'double'
          ? ` ← ${tr(T.rulesOnLines, language)} ${(l.rule_nos ?? []).map((n) => lineOf.get(n)).join(', ')}`
          : '';
      return `  ${where}: ${tr(T.period, language)} ${l.period}, ${l.municipality}, ${codes}, ${formatMoney(l.amount_minor, language)}${rulesText}`;
    });
    const more =
      count > BigInt(lines.length) ? `\n  … ${count - BigInt(lines.length)} ${tr(T.more, language)}` : '';
    const head = tr(kind === 'unmatched' ? T.unmatched : T.doubly, language, {
      n: count.toString(),
      amount: formatMoney(amount, language),
    });
    return {
      message: `${head}\n${listed.join('\n')}${more}`,
      hint: tr(kind === 'unmatched' ? T.unmatchedHint : T.doublyHint, language),
    };
  };
  const shown = render(lang);
  throw new UserError(shown.message, { file, key: 'costing.translation_table', hint: shown.hint }, 2, render);
}
