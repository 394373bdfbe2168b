/** The generator's own records of a synthetic person: what the extracts are written from. */
import type { ServiceSpec } from './services.js';

export interface ServiceRecord {
  spec: ServiceSpec;
  start: number;
  end: number;
  volume: number;
  /** the amount a record carries (record_amount services), minor units */
  amountMinor: number | null;
  /** what the generator prices the row at: the figure costing should reproduce */
  costMinor: number;
  provider: 'own' | 'external';
  providerUnit: string;
  /** started after a hospital discharge */
  afterDischarge?: boolean;
}

export interface AttributeRecord {
  /** department (or 'REG') that delivers it */
  source: string;
  attribute: 'target_group' | 'housing' | 'benefit_status' | 'chronic_condition';
  value: string;
  from: number;
  to: number | null;
}

export interface HospitalRecord {
  contactId: string;
  hospital: string;
  unit: string;
  acute: boolean;
  psychiatric: boolean;
  inpatient: boolean;
  admit: number;
  admitMin: number;
  discharge: number;
  dischargeMin: number;
  diagnosis: string;
  status: 'home' | 'transfer' | 'dead' | 'other';
  drg: string;
  tariffMinor: number;
  kmfMinor: number | null;
}

export interface GpRecord {
  date: number;
  providerType: 'gp' | 'specialist';
  code: string;
  feeMinor: number;
  kmfMinor: number | null;
}

export interface PersonRecord {
  index: number;
  id: string;
  sex: 'M' | 'F';
  birth: number;
  /** age on the first day of the analysis period */
  age: number;
  resFrom: number;
  resTo: number | null;
  death: number | null;
  archetype: string;
  targetGroup: string | null;
  chronic: string[];
  longTermSick: boolean;
  services: ServiceRecord[];
  attributes: AttributeRecord[];
  hospital: HospitalRecord[];
  gp: GpRecord[];
}
