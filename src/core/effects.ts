/**
 * The effects a stage may have besides the warehouse: text for a person, warnings, a result, progress.
 * Stages own this interface and receive an implementation; the CLI implements it (src/cli/output.ts),
 * so no stage imports the CLI.
 */
import type { Lang } from '../i18n.js';

/** All output of a stage goes through here: a table at a terminal, JSON with --json or when piped. */
export interface Output {
  readonly json: boolean;
  readonly lang: Lang;
  /** A line of human text (suppressed in JSON mode). */
  info(text: string): void;
  /** A warning to stderr (always shown). */
  warn(text: string): void;
  /** Rows as an aligned table for a person; nothing in JSON mode (the result carries the data). */
  table(rows: Record<string, unknown>[], columns?: string[]): void;
  /** The command's machine-readable result: in JSON mode the one document on stdout (a second call is a bug). */
  result(value: unknown): void;
  /**
   * A progress bar on stderr at a terminal; silent otherwise. `live` is read on a timer only while the
   * bar is shown (never in JSON mode or without a terminal): how far the statement running now has got,
   * so a long step moves the bar inside its own units instead of jumping when it ends.
   */
  progress(label: string, total: number, live?: () => StatementProgress | undefined): Progress;
}

export interface Progress {
  /** `n` units done (default 1); the step under way is the next unit again. */
  tick(n?: number): void;
  update(done: number): void;
  /** The step under way is `n` units (until the next tick): a live reading fills the bar inside them. */
  step(n: number, text?: string): void;
  stop(): void;
}

/** How far one running statement has got, as its engine tells (docs/cli.md, "Progress bars"). */
export interface StatementProgress {
  /** 0–1 */
  fraction: number;
  /** rows the statement has processed so far, and its estimate of the rows to process */
  rows: number;
  totalRows: number;
}
