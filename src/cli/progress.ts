/**
 * The state of one progress bar at a terminal (docs/cli.md, "Progress bars"): units done, the step under
 * way and how far the statement running in it has got. No timer and no terminal here, so every figure the
 * bar shows can be tested with a given clock; src/cli/output.ts draws it.
 */
import type { StatementProgress } from '../core/effects.js';
import { t } from '../core/messages.js';
import type { Lang } from '../i18n.js';

/** How often a shown bar reads the running statement's progress. */
export const POLL_MS = 250;
/** Rows per second are those of the running statement over its last 2 s, shown for statements of 100,000 rows or more. */
const RATE_WINDOW_MS = 2000;
const RATE_MIN_ROWS = 100_000;

export class BarState {
  private done = 0;
  /** units of the step under way: 1 (up to the next tick) unless the stage said otherwise */
  private span = 1;
  /** the highest reading of the step's statements: a step of several statements holds, never goes back */
  private high = 0;
  private shown = 0;
  private text = '';
  /** the statement being read: its estimate of rows, and its recent readings (ms, rows) for its pace */
  private statement: { totalRows: number; samples: [number, number][] } | undefined;
  private rate: number | undefined;

  constructor(
    readonly total: number,
    private readonly start: number,
  ) {}

  tick(n = 1): void {
    this.done += n;
    // the step's text stays until the stage names the next one
    this.next(1, this.text);
  }

  update(done: number): void {
    this.done = done;
    this.shown = done;
    this.next(1, this.text);
  }

  step(n: number, text = ''): void {
    this.next(n, text);
  }

  private next(span: number, text: string): void {
    this.span = span;
    this.text = text;
    this.high = 0;
    this.statement = undefined;
    this.rate = undefined;
  }

  /** A reading of the running statement at time `now` (ms); undefined between statements. */
  read(live: StatementProgress | undefined, now: number): void {
    if (!live) return;
    this.high = Math.max(this.high, Math.min(1, Math.max(0, live.fraction)));
    const s = this.statement;
    const last = s?.samples.at(-1);
    if (!s || !last || live.totalRows !== s.totalRows || live.rows < last[1]) {
      // another statement began: its pace starts again
      this.statement = { totalRows: live.totalRows, samples: [[now, live.rows]] };
      this.rate = undefined;
      return;
    }
    s.samples.push([now, live.rows]);
    // the pace of the last RATE_WINDOW_MS: a statement's later phase (a sort, an insert) may read no rows
    while (s.samples.length > 2 && now - s.samples[1]![0] >= RATE_WINDOW_MS) s.samples.shift();
    const [t0, rows0] = s.samples[0]!;
    // under a second says little, and a small statement's pace is noise
    this.rate =
      now - t0 >= 1000 && s.totalRows >= RATE_MIN_ROWS
        ? ((live.rows - rows0) * 1000) / (now - t0)
        : undefined;
  }

  /** Units to draw: those done plus the step's share its statements have done; never back, never past the total. */
  value(): number {
    this.shown = Math.max(this.shown, Math.min(this.total, this.done + this.span * this.high));
    return this.shown;
  }

  /**
   * Seconds left at time `now` if the rest goes at the pace so far (the units are the stage's estimate of
   * the work); none before 2 % or 3 s, when the pace says little.
   */
  eta(now: number): number | undefined {
    const f = this.total > 0 ? this.value() / this.total : 0;
    const elapsed = (now - this.start) / 1000;
    if (f < 0.02 || f >= 1 || elapsed < 3) return undefined;
    return (elapsed * (1 - f)) / f;
  }

  /** The text after the bar: the step, the statement's rows per second, the time left. */
  describe(lang: Lang, now: number): string {
    const parts = [this.text];
    if (this.rate !== undefined && this.rate > 0)
      parts.push(t(lang, 'cli.progress.rate', { rate: Math.round(this.rate) }));
    const eta = this.eta(now);
    if (eta !== undefined) parts.push(t(lang, 'cli.progress.eta', { time: clock(eta) }));
    return parts.filter(Boolean).join(' · ');
  }
}

/** Seconds as m:ss or h:mm:ss. */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
