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
  /** A progress bar on stderr at a terminal; silent otherwise. */
  progress(label: string, total: number): Progress;
}

export interface Progress {
  tick(n?: number): void;
  update(done: number): void;
  stop(): void;
}
