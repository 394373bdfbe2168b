/**
 * Data-quality check names and descriptions name fields by their catalogue labels in da, sv and en,
 * never by the raw field id ("Udfyldt: municipality").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dqCheckName } from '../../src/core/dq-names.js';
import type { SourceConfig } from '../../src/config/schema.js';
import { checksFor } from '../../src/ingest/checks.js';
import { TARGET_FIELDS } from '../../src/ingest/fields.js';
import type { FieldSql } from '../../src/ingest/transform.js';

const catalogue = (lang: string): Record<string, string> => ({
  ...(JSON.parse(readFileSync(path.join('locales', `${lang}.json`), 'utf8')) as Record<string, string>),
  ...(JSON.parse(readFileSync(path.join('locales', 'trust', `${lang}.json`), 'utf8')) as Record<
    string,
    string
  >),
});

describe('field names in data-quality checks', () => {
  it('every field of every target has a label in da, sv and en', () => {
    const names = [...new Set(Object.values(TARGET_FIELDS).flatMap((fs) => fs.map((f) => f.name)))];
    for (const lang of ['da', 'sv', 'en']) {
      const c = catalogue(lang);
      const missing = names.filter((n) => !c[`dq.field.${n}`] && !c[`trust.field.${n}`]);
      expect(missing, lang).toEqual([]);
    }
  });

  it('per-field checks read the label, lower-cased inside the name', () => {
    expect(dqCheckName('municipality_required', 'da')).toBe('Udfyldt: kommune');
    expect(dqCheckName('municipality_required', 'sv')).toBe('Ifyllt: kommun');
    expect(dqCheckName('municipality_required', 'en')).toBe('Present: municipality');
    expect(dqCheckName('law_ref_format', 'da')).toBe('Gyldigt format: lovhjemmel');
    expect(dqCheckName('drg_code_format', 'en')).toBe('Valid format: DRG code');
  });

  it("the import's check descriptions name fields by label in each language", () => {
    const fields = new Map<string, FieldSql>(
      TARGET_FIELDS.service.map((spec) => [
        spec.name,
        { spec, value: 'NULL', present: 'true', mapped: true },
      ]),
    );
    const source = { id: 's', target: 'service', checks: {}, columns: {} } as unknown as SourceConfig;
    const required = checksFor(source, fields, true, undefined).find((c) => c.id === 'municipality_required');
    expect(required?.description).toEqual({
      da: 'Kommune er udfyldt',
      sv: 'Kommun är ifyllt',
      en: 'Municipality is filled in',
    });
  });
});
