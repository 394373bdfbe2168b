import { SingleBar, Presets } from 'cli-progress';
import type { Output } from '../core/effects.js';
import { toJson } from '../core/json.js';
import { t } from '../core/messages.js';
import type { Lang } from '../i18n.js';

// The effects interface belongs to the stages (src/core/effects.ts); this is its terminal implementation.
export type { Output, Progress } from '../core/effects.js';
export { toJson } from '../core/json.js';

export interface OutputOptions {
  json?: boolean;
  lang: Lang;
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  isTTY?: boolean;
}

export function createOutput(options: OutputOptions): Output {
  const isTTY = options.isTTY ?? Boolean(process.stdout.isTTY);
  const json = options.json ?? !isTTY;
  const out = options.stdout ?? ((s: string) => process.stdout.write(s));
  const err = options.stderr ?? ((s: string) => process.stderr.write(s));
  let printed = false;
  return {
    json,
    lang: options.lang,
    info: (text) => {
      if (!json) out(`${text}\n`);
    },
    warn: (text) => err(`${text}\n`),
    table: (rows, columns) => {
      // stdout in JSON mode is exactly one document, so a script can JSON.parse it
      if (!json) out(`${renderTable(rows, columns, options.lang)}\n`);
    },
    result: (value) => {
      if (!json) return;
      if (printed) throw new Error('output: a command printed a second JSON result');
      printed = true;
      out(`${toJson(value)}\n`);
    },
    progress: (label, total) => {
      if (json || !isTTY || !process.stderr.isTTY)
        return { tick: () => {}, update: () => {}, stop: () => {} };
      const bar = new SingleBar(
        {
          format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`,
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      bar.start(total, 0);
      let done = 0;
      return {
        tick: (n = 1) => bar.update((done += n)),
        update: (d) => bar.update((done = d)),
        stop: () => bar.stop(),
      };
    },
  };
}

/** Render rows as a plain aligned text table; numbers right-aligned. */
export function renderTable(rows: Record<string, unknown>[], columns?: string[], lang: Lang = 'da'): string {
  if (rows.length === 0) return t(lang, 'cli.table.empty');
  const cols = columns ?? Object.keys(rows[0]!);
  const cell = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'object' ? toJson(v, 0) : String(v);
  const grid = rows.map((r) => cols.map((c) => cell(r[c])));
  const width = cols.map((c, i) => Math.max(c.length, ...grid.map((g) => g[i]!.length)));
  const numeric = cols.map((_, i) => rows.every((r) => ['number', 'bigint'].includes(typeof r[cols[i]!])));
  const line = (cells: string[]) =>
    cells
      .map((s, i) => (numeric[i] ? s.padStart(width[i]!) : s.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  return [line(cols), width.map((w) => '─'.repeat(w)).join('  '), ...grid.map(line)].join('\n');
}
