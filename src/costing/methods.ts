/**
 * Which way each service gets its cost (contract D): kpb (default), price (takst × volume) or
 * record_amount (the amount on the service record). Prices become rows of cost_work_price.
 */
import type { CostingConfig } from '../config/schema.js';
import type { Workspace } from '../config/workspace.js';
import { userError } from '../core/messages.js';
import { readMappingCsv } from './csv.js';
import { parseMajor } from './money.js';
import { matchesCode, type Provider } from './patterns.js';

export type Method = 'kpb' | 'price' | 'record_amount';

/**
 * The rows of cost_person that costing writes (and replaces), as SQL: trajectories writes the regional
 * rows (methods kmf and drg) to the same table, and costing must neither delete nor reconcile them.
 */
export const COSTING_ROWS = `method IN ('kpb', 'price', 'record_amount')`;

export interface MethodRow {
  code: string;
  provider: Provider;
  method: Method;
}

export interface PriceRow {
  code: string;
  provider: Provider;
  unit: string | null;
  validFrom: string;
  validTo: string;
  priceMinor: bigint;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Resolve the method of every (code, provider) seen in the service table; the first config entry that matches wins. */
export function resolveMethods(
  ws: Workspace,
  costing: CostingConfig,
  seen: readonly { code: string; provider: Provider }[],
): { methods: MethodRow[]; prices: PriceRow[] } {
  const methods: MethodRow[] = [];
  const prices: PriceRow[] = [];
  const lists = new Map<string, ReturnType<typeof readPriceList>>();
  for (const s of seen) {
    const i = costing.methods.findIndex(
      (m) =>
        m.codes.some((c) => matchesCode(s.code, c)) &&
        (m.provider === undefined || m.provider === s.provider),
    );
    const entry = i < 0 ? undefined : costing.methods[i]!;
    const method: Method = entry?.method ?? 'kpb';
    methods.push({ code: s.code, provider: s.provider, method });
    if (method !== 'price') continue;
    if (entry!.price !== undefined) {
      const minor = parseMajor(String(entry!.price));
      if (minor === undefined) {
        throw userError(
          'costing.method_price',
          { price: String(entry!.price) },
          { key: `costing.methods[${i}].price` },
        );
      }
      prices.push({
        code: s.code,
        provider: s.provider,
        unit: null,
        validFrom: '0001-01-01',
        validTo: '9999-12-31',
        priceMinor: minor,
      });
    } else if (entry!.price_list !== undefined) {
      const file = ws.resolve(entry!.price_list);
      if (!lists.has(file)) lists.set(file, readPriceList(file));
      for (const p of lists.get(file)!) if (p.code === s.code) prices.push({ ...p, provider: s.provider });
    } else {
      throw userError('costing.method_no_price', {}, { key: `costing.methods[${i}]` });
    }
  }
  return { methods, prices };
}

/** Price list CSV: catalogue_code,unit,price,valid_from,valid_to (price in kr per unit; valid_to empty = open). */
export function readPriceList(file: string): Omit<PriceRow, 'provider'>[] {
  return readMappingCsv(file, ['catalogue_code', 'unit', 'price', 'valid_from', 'valid_to']).map((r) => {
    // the messages name file, row and column, never the cell's value
    const fail = (column: string, key: string): never => {
      throw userError(`costing.price_list.${key}`, {}, { file, row: r.line, column });
    };
    const code = r.get('catalogue_code');
    if (code === '') fail('catalogue_code', 'code_empty');
    const priceMinor = parseMajor(r.get('price'));
    if (priceMinor === undefined) fail('price', 'price');
    const validFrom = r.get('valid_from') || '0001-01-01';
    const validTo = r.get('valid_to') || '9999-12-31';
    if (!ISO.test(validFrom)) fail('valid_from', 'date');
    if (!ISO.test(validTo)) fail('valid_to', 'date');
    if (validTo < validFrom) fail('valid_to', 'dates_order');
    return { code, unit: r.get('unit') || null, validFrom, validTo, priceMinor: priceMinor! };
  });
}
