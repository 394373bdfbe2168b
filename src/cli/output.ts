import { SingleBar, Presets } from 'cli-progress';
import type { Output, StatementProgress } from '../core/effects.js';
import { toJson } from '../core/json.js';
import type { Engine } from '../engine/engine.js';
import { t } from '../core/messages.js';
import type { Lang } from '../i18n.js';
import { BarState, POLL_MS } from './progress.js';

// The effects interface belongs to the stages (src/core/effects.ts); this is its terminal implementation.
export type { Output, Progress } from '../core/effects.js';
export { toJson } from '../core/json.js';

export interface OutputOptions {
  json?: boolean;
  lang: Lang;
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
  isTTY?: boolean;
  /** whether stderr, where bars are drawn, is a terminal (default: process.stderr.isTTY) */
  stderrTTY?: boolean;
  /** the clock of the bars' rates and times left (ms; default Date.now) */
  now?: () => number;
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
    progress: (label, total, live) => {
      // nothing is drawn, and nothing read, for a script or JSON
      if (json || !isTTY || !(options.stderrTTY ?? process.stderr.isTTY))
        return { tick: () => {}, update: () => {}, step: () => {}, stop: () => {} };
      const clock = options.now ?? Date.now;
      const state = new BarState(total, clock());
      const bar = new SingleBar(
        {
          format: `${label} [{bar}] {percentage}% | {duration_formatted}{text}`,
          stream: process.stderr,
        },
        Presets.shades_classic,
      );
      const draw = () => {
        const text = state.describe(options.lang, clock());
        bar.update(state.value(), { text: text && ` | ${text}` });
      };
      bar.start(total, 0, { text: '' });
      // the running statement's own progress and the time left, redrawn while the bar is shown; the timer
      // never keeps the process alive
      const timer = setInterval(() => {
        if (live) state.read(reading(live), clock());
        draw();
      }, POLL_MS);
      timer.unref();
      return {
        tick: (n) => (state.tick(n), draw()),
        update: (d) => (state.update(d), draw()),
        step: (n, text) => (state.step(n, text), draw()),
        stop: () => {
          clearInterval(timer);
          bar.stop();
        },
      };
    },
  };
}

/** A reading, or none when the engine cannot give one (closed under a bar a stage forgot to stop). */
function reading(live: () => StatementProgress | undefined): StatementProgress | undefined {
  try {
    return live();
  } catch {
    return undefined;
  }
}

/**
 * The output of a command working on `engine`: its bars read the engine's running statement, unless the
 * stage passes a reading of its own (the import reads its second engine too).
 */
export function following(out: Output, engine: Engine): Output {
  return {
    ...out,
    progress: (label, total, live) => out.progress(label, total, live ?? (() => engine.progress?.())),
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
