import type { Lang } from '../i18n.js';

export interface TemplateOptions {
  country: 'DK' | 'SE';
  municipality: string;
  year: number;
  name: string;
}

/** The commented starting config `tvaerblik init` writes; comments in English, names from the domain. */
export function configTemplate(o: TemplateOptions, _lang: Lang = 'da'): string {
  const dk = o.country === 'DK';
  return `# Tværblik workspace — see docs/workspace.md for every key.
version: 1
name: ${JSON.stringify(o.name)}
country: ${o.country}
currency: ${dk ? 'DKK' : 'SEK'}
# municipality code(s): ${dk ? 'DK 3 digits, e.g. 851 Aalborg' : 'SE 4 digits, e.g. 0180 Stockholm'}
municipalities: ['${o.municipality}']
# analysis periods; ids are used by sources and reports
periods:
  - id: '${o.year}'
    from: ${o.year}-01-01
    to: ${o.year}-12-31
# the pseudonymisation key lives outside the config: a key file (kept out of git) or an environment variable
pseudonymisation:
  key_file: secrets/pseudonym.key
  # key_env: TVAERBLIK_KEY
# cells with fewer persons than this are hidden in every table shown to a person (3 at the least)
suppression:
  threshold: 5
catalogue: ${dk ? 'dk' : 'se'}
warehouse: warehouse/tvaerblik.duckdb
# one entry per extract a department delivers; see docs/ingest.md
sources: []
# costing (docs/costing.md): with a ledger, a translation table and pools; without one, the amounts on the
# service records or a price list are enough, e.g.
# costing:
#   methods:
#     - { codes: ['${dk ? 'SEL-83*' : 'SOL-HT*'}'], method: record_amount }
#     - { codes: ['${dk ? 'SEL-86*' : 'SOL-KORT'}'], method: price, price_list: mappings/${dk ? 'takster' : 'priser'}.csv }
# every key, its default and its valid values: docs/config.md
`;
}
