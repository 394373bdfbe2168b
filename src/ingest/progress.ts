/**
 * A source's progress bar, weighted by its work (docs/cli.md, "Progress bars"): staging each extract file
 * counts its bytes, the checks and the load an estimate proportional to the bytes of the whole source (its
 * rows, for one format). So twelve monthly files of different sizes move the bar by their sizes, and the
 * long checks and load have a share of their own, which the running statement's progress fills.
 */
import { statSync } from 'node:fs';
import type { Output, Progress, StatementProgress } from '../core/effects.js';
import { t } from '../core/messages.js';

/**
 * The checks' and the load's work per byte staged: estimates from the import's profile at 300,000 XL
 * persons (docs/performance.md, "Bounded import": of 144 CPU s, the checks ≈ 13 s, the inserts ≈ 35 s, staging
 * the rest ≈ 95 s, i.e. ≈ 0.15 and ≈ 0.4 of staging).
 */
export const CHECKS_PER_BYTE = 0.15;
export const LOAD_PER_BYTE = 0.4;
/** Of staging a file, the read (the one statement that parses it) against pseudonymising and writing it. */
const READ_SHARE = 0.6;
/** The first of the checks' two steps (the counts over the staged rows) against the second (unmapped codes). */
const COUNT_SHARE = 0.75;

export interface SourceWork {
  /** units of staging each file: its bytes (at least 2), as [read, pseudonymise and write] */
  files: [number, number][];
  /** units of the checks' two steps and of the load */
  checks: [number, number];
  load: number;
  total: number;
}

/** A source's work in units, from the byte sizes of its files. */
export function sourceWork(sizes: number[]): SourceWork {
  const bytes = sizes.map((s) => Math.max(2, Math.round(s)));
  const files = bytes.map((b): [number, number] => {
    const read = Math.max(1, Math.round(b * READ_SHARE));
    return [read, b - read];
  });
  const staged = bytes.reduce((a, b) => a + b, 0);
  const checks = Math.max(2, Math.round(staged * CHECKS_PER_BYTE));
  const counts = Math.max(1, Math.round(checks * COUNT_SHARE));
  const load = Math.max(1, Math.round(staged * LOAD_PER_BYTE));
  return { files, checks: [counts, checks - counts], load, total: staged + checks + load };
}

/** The byte size of each file (0 when it cannot be read: the read itself then says why). */
export function fileSizes(files: string[]): number[] {
  return files.map((f) => {
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  });
}

export interface SourceBar {
  /** The step under way is done: stageSource ticks twice per file, checkStaged twice, the import after the load. */
  tick: () => void;
  stop: () => void;
}

/**
 * The bar of one source: each tick ends the step under way by its units and starts the next, so a live
 * reading of the running statement fills only the step it belongs to.
 */
export function sourceBar(
  out: Output,
  label: string,
  work: SourceWork,
  live?: () => StatementProgress | undefined,
): SourceBar {
  const bar: Progress = out.progress(label, work.total, live);
  const lang = out.lang;
  const steps: [number, string][] = [
    ...work.files.flatMap((parts, i) => {
      const text = t(lang, 'ingest-texts.progress.file', { n: i + 1, of: work.files.length });
      return parts.map((n): [number, string] => [n, text]);
    }),
    ...work.checks.map((n): [number, string] => [n, t(lang, 'ingest-texts.progress.checks')]),
    [work.load, t(lang, 'ingest-texts.progress.load')],
  ];
  let i = 0;
  const tick = () => {
    bar.tick(steps[i]?.[0] ?? 0);
    i++;
    const s = steps[i];
    if (s) bar.step(s[0], s[1]);
  };
  bar.step(steps[0]![0], steps[0]![1]);
  return { tick, stop: () => bar.stop() };
}
