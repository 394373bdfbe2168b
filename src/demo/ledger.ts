/**
 * The general ledger of the demo municipality, built from the generator's own totals so that costing
 * reproduces the generator's unit costs: KPB services get gross cost lines, internal income and sales to
 * other municipalities (both net the cost down), user fees (excluded: not deducted), an administration pool
 * and a premises pool; price and record_amount services get their ledger with a small difference that
 * costing reports as non-attributable. Also writes the ledger translation table (contract C).
 */
import type { Profile } from './profile.js';
import type { ServiceSpec } from './services.js';

export interface LedgerLine {
  account: string;
  activity: string;
  responsibility: string;
  project: string;
  counterpart: string;
  text: string;
  amountMinor: bigint;
}

export interface SpecTotals {
  volume: number;
  costMinor: number;
  /** the part bought from external providers (costed apart: `CODE@external`) */
  externalMinor: number;
  feeMinor: number;
}

export interface TranslationRule {
  priority: number;
  account: string;
  activity: string;
  responsibility: string;
  project: string;
  counterpart: string;
  target_type: 'intervention' | 'pool' | 'excluded' | 'nonattributable';
  target: string;
  reason: string;
}

export interface LedgerBuild {
  lines: LedgerLine[];
  rules: TranslationRule[];
  adminTargets: string[];
  premises: { targets: string[]; weights: Record<string, number> };
}

/** Administration mark-up on direct cost and the premises share of housing, as the generator prices them. */
export const ADMIN_RATE = 0.06;
export const PREMISES_RATE = 0.08;

interface Accounts {
  salaries: string;
  goods: string;
  services: string;
  purchases: string;
  internalIncome: string;
  sales: string;
  userFees: string;
  refund: string;
  admin: { activity: string; responsibility: string };
  premises: { activity: string; responsibility: string; account: string };
  open: { activity: string; responsibility: string; label: string; text: string };
  kmf?: { activity: string; responsibility: string };
  /** ledger texts in the municipality's language */
  words: { purchases: string; internal: string; sales: string; fees: string; refund: string };
}

const DK_ACCOUNTS: Accounts = {
  salaries: '11',
  goods: '22',
  services: '40',
  purchases: '45',
  internalIncome: '97',
  sales: '76',
  userFees: '72',
  refund: '86',
  admin: { activity: '6.45.51', responsibility: '1000' },
  premises: { activity: '5.30.27', responsibility: '3900', account: '27' },
  open: {
    activity: '5.32.33',
    responsibility: '3400',
    label: 'forebyggende_hjemmebesoeg',
    text: 'Forebyggende hjemmebesøg',
  },
  kmf: { activity: '4.62.81', responsibility: '5900' },
  words: {
    purchases: 'køb hos eksterne leverandører',
    internal: 'interne indtægter',
    sales: 'salg til andre kommuner',
    fees: 'brugerbetaling',
    refund: 'refusion særligt dyre enkeltsager',
  },
};

const SE_ACCOUNTS: Accounts = {
  salaries: '5010',
  goods: '6410',
  services: '7010',
  purchases: '4610',
  internalIncome: '3800',
  sales: '3810',
  userFees: '3510',
  refund: '3720',
  admin: { activity: '500', responsibility: '2000' },
  premises: { activity: '520', responsibility: '2900', account: '5110' },
  open: {
    activity: '590',
    responsibility: '2950',
    label: 'uppsokande_verksamhet',
    text: 'Uppsökande verksamhet, anhörigstöd',
  },
  words: {
    purchases: 'köp från externa utförare',
    internal: 'interna intäkter',
    sales: 'försäljning till andra kommuner',
    fees: 'avgifter från brukare',
    refund: 'statsbidrag',
  },
};

/** Split a total into parts by shares; the last part takes the remainder, so the parts add up exactly. */
export function splitExact(total: bigint, shares: number[]): bigint[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const out: bigint[] = [];
  let left = total;
  for (let i = 0; i < shares.length; i++) {
    const part = i === shares.length - 1 ? left : BigInt(Math.round((Number(total) * shares[i]!) / sum));
    out.push(part);
    left -= part;
  }
  return out;
}

export function buildLedger(
  profile: Profile,
  totals: Map<string, SpecTotals>,
  kmfMinor: number,
): LedgerBuild {
  const acc = profile.country === 'DK' ? DK_ACCOUNTS : SE_ACCOUNTS;
  const dk = profile.country === 'DK';
  const lines: LedgerLine[] = [];
  const rules: TranslationRule[] = [];
  const rule = (r: Partial<TranslationRule> & Pick<TranslationRule, 'priority' | 'target_type'>) =>
    rules.push({
      account: '',
      activity: '',
      responsibility: '',
      project: '',
      counterpart: '',
      target: '',
      reason: '',
      ...r,
    });
  const line = (l: Omit<LedgerLine, 'project'> & { project?: string }) => {
    if (l.amountMinor !== 0n) lines.push({ project: '', ...l });
  };

  const premisesCodes = dk ? ['SEL-192', 'SEL-84-2-AE'] : ['SOL-SABO', 'SOL-KORT'];
  // Per catalogue code: the full cost the generator priced, then premises and administration parts.
  const byCode = new Map<string, { total: number; specs: ServiceSpec[] }>();
  for (const spec of profile.services) {
    const t = totals.get(spec.key);
    if (!t || t.costMinor <= 0) continue;
    const e = byCode.get(spec.catalogue) ?? { total: 0, specs: [] };
    e.total += t.costMinor;
    e.specs.push(spec);
    byCode.set(spec.catalogue, e);
  }

  let adminTotal = 0n;
  const adminTargets: string[] = [];
  const premisesWeights: Record<string, number> = {};
  let premisesTotal = 0n;

  for (const [code, e] of [...byCode].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const method = e.specs[0]!.method;
    for (const spec of e.specs) {
      const t = totals.get(spec.key)!;
      const units = [0, 1, 2].map((i) => String(Number(spec.responsibility) + i));
      const name = spec.text;
      let direct: bigint;
      if (method === 'kpb') {
        const prem = premisesCodes.includes(code) ? Math.round(t.costMinor * PREMISES_RATE) : 0;
        const d = Math.round((t.costMinor - prem) / (1 + ADMIN_RATE));
        direct = BigInt(d);
        adminTotal += BigInt(t.costMinor - prem - d);
        premisesTotal += BigInt(prem);
        if (prem > 0) premisesWeights[code] = (premisesWeights[code] ?? 0) + prem;
        if (!adminTargets.includes(code)) adminTargets.push(code);
      } else if (method === 'price') {
        direct = BigInt(Math.round(t.costMinor * 1.04)); // the units cost a little more than the price list
      } else {
        direct = BigInt(t.costMinor) + BigInt(Math.round(t.costMinor * 0.005)); // grants plus handling fees
      }
      // Services bought from external providers are costed apart (CODE@external).
      const ext =
        method !== 'record_amount' && t.externalMinor > 0
          ? BigInt(Math.round((Number(direct) * t.externalMinor) / t.costMinor))
          : 0n;
      const own = direct - ext;
      // Gross cost is direct + the income that nets it down (internal income, sales to other municipalities).
      const internal = method === 'kpb' ? BigInt(Math.round(Number(own) * 0.02)) : 0n;
      const sales = method === 'kpb' && spec.external ? BigInt(Math.round(Number(own) * 0.04)) : 0n;
      const gross = own + internal + sales;
      const parts =
        method === 'record_amount' ? splitExact(gross, [0.02, 0.98]) : splitExact(gross, [0.7, 0.08, 0.22]);
      const accounts =
        method === 'record_amount'
          ? [acc.salaries, dk ? '52' : '4590']
          : [acc.salaries, acc.goods, acc.services];
      parts.forEach((amount, i) => {
        // spread over the service's units (omkostningssteder / ansvar)
        const perUnit = splitExact(amount, [0.5, 0.3, 0.2]);
        perUnit.forEach((a, u) =>
          line({
            account: accounts[i]!,
            activity: spec.activity,
            responsibility: units[u]!,
            counterpart: '',
            text: name,
            amountMinor: a,
          }),
        );
      });
      if (ext > 0n) {
        line({
          account: acc.purchases,
          activity: spec.activity,
          responsibility: units[2]!,
          counterpart: 'EXT',
          text: `${name}, ${acc.words.purchases}`,
          amountMinor: ext,
        });
        rule({
          priority: 12,
          account: acc.purchases,
          activity: spec.activity,
          responsibility: `${units[0]}-${units[2]}`,
          counterpart: 'EXT',
          target_type: 'intervention',
          target: `${code}@external`,
        });
      }
      line({
        account: acc.internalIncome,
        activity: spec.activity,
        responsibility: units[0]!,
        counterpart: 'INT',
        text: `${name}, ${acc.words.internal}`,
        amountMinor: -internal,
      });
      line({
        account: acc.sales,
        activity: spec.activity,
        responsibility: units[0]!,
        counterpart: 'KOM',
        text: `${name}, ${acc.words.sales}`,
        amountMinor: -sales,
      });
      if (t.feeMinor > 0)
        line({
          account: acc.userFees,
          activity: spec.activity,
          responsibility: units[1]!,
          counterpart: 'BORGER',
          text: `${name}, ${acc.words.fees}`,
          amountMinor: -BigInt(t.feeMinor),
        });
      if (method === 'record_amount' && (code === 'SEL-96' || code === 'SEL-95')) {
        // State refund for especially expensive cases: financing, excluded from the cost basis.
        line({
          account: acc.refund,
          activity: spec.activity,
          responsibility: units[0]!,
          counterpart: 'STAT',
          text: `${name}, ${acc.words.refund}`,
          amountMinor: -BigInt(Math.round(t.costMinor * 0.12)),
        });
      }
      rule({
        priority: 10,
        activity: spec.activity,
        responsibility: `${units[0]}-${units[2]}`,
        target_type: 'intervention',
        target: code,
      });
    }
  }

  // Common administration, allocated by direct cost.
  const adminParts = splitExact(adminTotal, [0.75, 0.1, 0.15]);
  [acc.salaries, acc.goods, acc.services].forEach((a, i) =>
    line({
      account: a,
      activity: acc.admin.activity,
      responsibility: acc.admin.responsibility,
      counterpart: '',
      text: dk ? 'Fælles administration, sekretariat' : 'Gemensam administration',
      amountMinor: adminParts[i]!,
    }),
  );
  rule({ priority: 10, activity: acc.admin.activity, target_type: 'pool', target: 'adm' });
  // Shared premises of the care centres, allocated by floor area.
  line({
    account: acc.premises.account,
    activity: acc.premises.activity,
    responsibility: acc.premises.responsibility,
    counterpart: '',
    text: dk ? 'Fælles bygning, plejecenter' : 'Gemensamma lokaler, boende',
    amountMinor: premisesTotal,
  });
  rule({ priority: 15, responsibility: acc.premises.responsibility, target_type: 'pool', target: 'lokaler' });
  // An open activity without individual decisions.
  line({
    account: acc.salaries,
    activity: acc.open.activity,
    responsibility: acc.open.responsibility,
    counterpart: '',
    text: acc.open.text,
    amountMinor: BigInt(Math.max(100_000, Math.round(adminTotal > 0n ? Number(adminTotal) * 0.05 : 0))),
  });
  rule({ priority: 10, activity: acc.open.activity, target_type: 'nonattributable', target: acc.open.label });
  // Income that is not deducted (user fees) and financing.
  rule({ priority: 20, account: acc.userFees, target_type: 'excluded', reason: 'user_fee_not_deducted' });
  rule({ priority: 20, account: acc.refund, target_type: 'excluded', reason: 'financing_state_refund' });
  if (acc.kmf && kmfMinor > 0) {
    line({
      account: '52',
      activity: acc.kmf.activity,
      responsibility: acc.kmf.responsibility,
      counterpart: 'REGION',
      text: 'Aktivitetsbestemt medfinansiering af sundhedsvæsenet',
      amountMinor: BigInt(kmfMinor),
    });
    rule({
      priority: 10,
      activity: acc.kmf.activity,
      target_type: 'excluded',
      reason: 'kmf_costed_from_regional_data',
    });
  }
  const weights: Record<string, number> = {};
  for (const [k, v] of Object.entries(premisesWeights)) weights[k] = Math.max(1, Math.round(v / 120_000)); // m² at ≈1,200 a year
  return { lines, rules, adminTargets, premises: { targets: Object.keys(weights), weights } };
}
