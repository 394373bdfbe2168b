/** Adds one person's service rows and attributes, clipped to the days the person lives in the municipality. */
import { dayOf, partsOf } from './dates.js';
import type { GenContext } from './context.js';
import type { AttributeRecord, ServiceRecord } from './model.js';
import type { Rng } from './random.js';
import type { ServiceSpec } from './services.js';

export class Builder {
  readonly services: ServiceRecord[] = [];
  readonly attributes: AttributeRecord[] = [];
  constructor(
    readonly ctx: GenContext,
    readonly rng: Rng,
    readonly a: number,
    readonly b: number,
  ) {}

  spec(key: string): ServiceSpec {
    const s = this.ctx.spec.get(key);
    if (!s) throw new Error(`demo: no service ${key} in profile ${this.ctx.profile.country}`);
    return s;
  }

  provider(spec: ServiceSpec): { provider: 'own' | 'external'; unit: string } {
    const p = this.ctx.profile.providers[spec.activity];
    const deptName = this.ctx.profile.departments.find((d) => d.key === spec.dept)?.name ?? spec.dept;
    if (!p) return { provider: 'own', unit: deptName };
    const extShare = spec.external ?? (spec.method === 'price' && p.external ? 0.1 : 0);
    if (p.external && this.rng.chance(extShare)) return { provider: 'external', unit: p.external };
    return { provider: 'own', unit: this.rng.pick(p.own) };
  }

  /** One row; kpb/price rows are priced at the full unit cost, record_amount rows carry `amountMinor`. */
  add(
    key: string,
    start: number,
    end: number,
    volume: number,
    amountMinor: number | null = null,
    after = false,
  ): void {
    const spec = this.spec(key);
    start = Math.max(start, this.a);
    end = Math.min(end, this.b);
    if (end < start || volume <= 0) return;
    const vol = Math.round(volume * 100) / 100;
    const amount = spec.method === 'record_amount' ? (amountMinor ?? Math.round(vol * spec.unitMinor)) : null;
    const cost = spec.method === 'record_amount' ? amount! : Math.round(vol * spec.unitMinor);
    const p = this.provider(spec);
    this.services.push({
      spec,
      start,
      end,
      volume: vol,
      amountMinor: amount,
      costMinor: cost,
      provider: p.provider,
      providerUnit: p.unit,
      afterDischarge: after || undefined,
    });
  }

  /** A continuous service split into calendar-month rows, `perDay` units a day. */
  monthly(key: string, start: number, end: number, perDay: number, after = false): void {
    start = Math.max(start, this.a);
    end = Math.min(end, this.b);
    let d = start;
    while (d <= end) {
      const { year, month } = partsOf(d);
      const monthEnd = Math.min(end, dayOf(year, month + 1, 1) - 1);
      this.add(key, d, monthEnd, perDay * (monthEnd - d + 1), null, after);
      d = monthEnd + 1;
    }
  }

  /** A stay: one row per stay, volume = days. */
  stay(key: string, start: number, end: number): void {
    const s = Math.max(start, this.a);
    const e = Math.min(end, this.b);
    if (e >= s) this.add(key, s, e, e - s + 1);
  }

  /** A course of `visits` visits (or hours) spread over `weeks` weeks from `start`. */
  course(key: string, start: number, weeks: number, visits: number, after = false): void {
    this.add(key, start, start + Math.round(weeks * 7) - 1, Math.max(1, Math.round(visits)), null, after);
  }

  attr(
    source: string,
    attribute: AttributeRecord['attribute'],
    value: string,
    from: number,
    to: number | null = null,
  ): void {
    this.attributes.push({ source, attribute, value, from, to });
  }

  /** A random start inside the active window, leaving room for `days`. */
  startIn(days = 0): number {
    const last = Math.max(this.a, this.b - days);
    return this.rng.int(this.a, last);
  }
}
