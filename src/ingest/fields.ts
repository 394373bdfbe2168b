/**
 * The canonical fields each target table accepts from a source (contract A), with their type, whether
 * they are required, and how they land in the table. The transform and check code is generated from this.
 */
import type { TargetTable } from '../config/schema.js';

export type FieldType = 'id' | 'text' | 'date' | 'timestamp' | 'decimal' | 'money' | 'bool' | 'int' | 'enum';

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** the column in the target table (money fields: amount → amount_minor) */
  column?: string;
  /** a row without it (after defaults) is rejected */
  required?: boolean;
  /** allowed values of an enum field */
  values?: readonly string[];
  /** describes the person, not the row: goes to table person (birth date, sex), not the target table */
  person?: boolean;
}

/** Birth date and sex from mapped columns: ids of the opaque scheme carry neither (docs/person-ids.md). */
const PERSON_FIELDS: FieldSpec[] = [
  { name: 'birth_date', type: 'date', person: true },
  { name: 'sex', type: 'enum', values: ['F', 'M', 'U'], person: true },
];

const f = (name: string, type: FieldType, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type,
  ...extra,
});

export const TARGET_FIELDS: Record<TargetTable, FieldSpec[]> = {
  service: [
    f('person_id', 'id'),
    f('start_date', 'date', { required: true }),
    f('end_date', 'date'),
    f('volume', 'decimal'),
    f('unit', 'text'),
    f('local_code', 'text'),
    f('catalogue_code', 'text'),
    f('department', 'text'),
    f('municipality', 'text', { required: true }),
    f('provider', 'enum', { values: ['own', 'external'] }),
    f('provider_unit', 'text'),
    f('amount', 'money', { column: 'amount_minor' }),
    f('law_ref', 'text'),
    ...PERSON_FIELDS,
  ],
  ledger: [
    f('period', 'text', { required: true }),
    f('municipality', 'text', { required: true }),
    f('account', 'text', { required: true }),
    f('activity', 'text'),
    f('responsibility', 'text'),
    f('project', 'text'),
    f('counterpart', 'text'),
    f('text', 'text'),
    f('amount', 'money', { column: 'amount_minor', required: true }),
  ],
  hospital_contact: [
    f('person_id', 'id', { required: true }),
    f('contact_id', 'text'), // derived when absent: contact-id.ts
    f('region', 'text'),
    f('municipality', 'text'),
    f('hospital', 'text', { required: true }),
    f('hospital_unit', 'text'),
    f('acute', 'bool', { required: true }),
    f('psychiatric', 'bool'),
    f('admit_time', 'timestamp', { required: true }),
    f('discharge_time', 'timestamp'),
    f('primary_diagnosis', 'text'),
    f('discharge_status', 'enum', { values: ['home', 'transfer', 'dead', 'other'] }),
    f('drg_code', 'text'),
    f('tariff', 'money', { column: 'tariff_minor' }),
    f('kmf', 'money', { column: 'kmf_minor' }),
    ...PERSON_FIELDS,
  ],
  gp_contact: [
    f('person_id', 'id', { required: true }),
    f('municipality', 'text'),
    f('contact_date', 'date', { required: true }),
    f('provider_type', 'enum', { values: ['gp', 'specialist'] }),
    f('service_code', 'text'),
    f('fee', 'money', { column: 'fee_minor' }),
    f('kmf', 'money', { column: 'kmf_minor' }),
    ...PERSON_FIELDS,
  ],
  population: [
    f('municipality', 'text', { required: true }),
    f('year', 'int', { required: true }),
    f('age', 'int', { required: true }),
    f('sex', 'enum', { values: ['F', 'M', 'U'], required: true }),
    f('count', 'int', { required: true }),
  ],
  residence: [
    f('person_id', 'id', { required: true }),
    f('municipality', 'text', { required: true }),
    f('from_date', 'date', { required: true }),
    f('to_date', 'date'),
    f('death_date', 'date'),
    ...PERSON_FIELDS,
  ],
  person_attribute: [
    f('person_id', 'id', { required: true }),
    f('attribute', 'text', { required: true }),
    f('value', 'text', { required: true }),
    f('from_date', 'date'),
    f('to_date', 'date'),
    ...PERSON_FIELDS,
  ],
};

/** Columns each target table receives besides its mapped fields. */
export const TARGET_EXTRA: Record<TargetTable, string[]> = {
  service: ['import_id', 'row_no', 'person_key', 'source_id', 'period', 'sector'],
  ledger: ['import_id', 'row_no'],
  hospital_contact: ['import_id', 'row_no', 'person_key'],
  gp_contact: ['import_id', 'row_no', 'person_key'],
  population: ['import_id'],
  residence: ['import_id', 'person_key'],
  person_attribute: ['import_id', 'person_key'],
};

export function fieldSpec(target: TargetTable, name: string): FieldSpec | undefined {
  return TARGET_FIELDS[target].find((s) => s.name === name);
}
