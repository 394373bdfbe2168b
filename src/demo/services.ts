/**
 * A service of a demo municipality: a department's local code, the catalogue code it translates to, the
 * costing method and the full unit cost the generator prices it at (direct + overhead, in øre/öre). The
 * services themselves are data: tools/demo/data/profile-<country>.yaml, read by profile.ts. The ledger is
 * built from them so that costing reproduces them (docs/demo.md, "How the ledger is built").
 */

export type Method = 'kpb' | 'price' | 'record_amount';

export interface ServiceSpec {
  /** key used by the person generator */
  key: string;
  /** department key (see Profile.departments) */
  dept: string;
  local: string;
  text: string;
  catalogue: string;
  unit: string;
  method: Method;
  /** full cost per unit in minor units (kpb, price) or the amount per unit a record carries (record_amount) */
  unitMinor: number;
  /** ledger activity (funktion / verksamhet) and the responsibility (omkostningssted / ansvar) of its units */
  activity: string;
  responsibility: string;
  /** share of the cost bought from external providers (sales/purchases shown with counterpart) */
  external?: number;
  /** user fees per unit (income mapped `excluded`: not deducted from the cost basis) */
  feeMinor?: number;
}
