/**
 * TypeScript shapes of the canonical tables (sql/model/schema.sql), as rows come back from the
 * engine: money (…_minor) as bigint minor units, DECIMAL volumes as exact strings, dates as
 * 'YYYY-MM-DD'. docs/data-model.md explains every column and its unit.
 */
export type Sex = 'F' | 'M' | 'U';
export type Sector = 'municipal' | 'regional' | 'private';
export type IdScheme = 'cpr' | 'ecpr' | 'personnummer' | 'samordningsnummer' | 'opaque';

export interface Person {
  /** the warehouse's number for the person */
  person_key: bigint;
  /** HMAC-SHA-256 (hex) of the normalised id under the workspace key */
  pseudonym: string;
  birth_year: number | null;
  birth_month: number | null;
  sex: Sex;
  country: 'DK' | 'SE';
  id_scheme: IdScheme;
  death_date: string | null;
}

export interface Residence {
  import_id: number;
  person_key: bigint;
  municipality: string;
  from_date: string;
  to_date: string | null;
}

export interface PersonAttribute {
  import_id: number;
  person_key: bigint;
  attribute: string;
  value: string;
  from_date: string | null;
  to_date: string | null;
}

export interface Service {
  import_id: number;
  row_no: bigint;
  person_key: bigint | null;
  source_id: string;
  period: string | null;
  municipality: string;
  department: string | null;
  sector: Sector;
  local_code: string | null;
  catalogue_code: string | null;
  law_ref: string | null;
  provider: 'own' | 'external';
  provider_unit: string | null;
  start_date: string;
  end_date: string | null;
  volume: string | null;
  unit: string;
  amount_minor: bigint | null;
}

export interface LedgerLine {
  import_id: number;
  row_no: bigint;
  period: string;
  municipality: string;
  account: string;
  activity: string | null;
  responsibility: string | null;
  project: string | null;
  counterpart: string | null;
  text: string | null;
  amount_minor: bigint;
}

export interface HospitalContact {
  import_id: number;
  row_no: bigint;
  contact_id: string;
  person_key: bigint;
  region: string | null;
  municipality: string | null;
  hospital: string;
  hospital_unit: string | null;
  acute: boolean;
  psychiatric: boolean;
  admit_time: string;
  discharge_time: string | null;
  primary_diagnosis: string | null;
  discharge_status: 'home' | 'transfer' | 'dead' | 'other' | null;
  drg_code: string | null;
  tariff_minor: bigint | null;
  kmf_minor: bigint | null;
}

export interface GpContact {
  import_id: number;
  row_no: bigint;
  person_key: bigint;
  municipality: string | null;
  contact_date: string;
  provider_type: 'gp' | 'specialist';
  service_code: string | null;
  fee_minor: bigint | null;
  kmf_minor: bigint | null;
}

export interface PopulationCell {
  import_id: number;
  municipality: string;
  year: number;
  age: number;
  sex: Sex;
  count: number;
}
