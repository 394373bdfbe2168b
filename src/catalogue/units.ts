/**
 * Units of volume and areas of the service catalogues. Kept apart from the loader so that ingest, costing
 * and reports can import the vocabularies without pulling in YAML parsing.
 */

/** The measure a service's volume is counted in (KPB: måttenhet). */
export const UNITS = [
  'hour_granted', // granted (visiteret / beviljad) hours
  'hour_performed', // performed (leveret / utförd) hours
  'hour',
  'day', // a day or a night-and-day (døgn / dygn)
  'week',
  'month',
  'year',
  'place',
  'visit',
  'item',
  'portion',
  'user',
  'amount', // a money amount: the volume is the amount paid out
] as const;
export type Unit = (typeof UNITS)[number];

/** Service areas. The last four are the Swedish KPB split (ordinärt / särskilt boende, LSS, HSL). */
export const AREAS = [
  'elderly',
  'disability',
  'social_psychiatry',
  'substance_abuse',
  'children_family',
  'employment',
  'health',
  'regional_health',
  'ordinary_housing',
  'special_housing',
  'lss',
  'hsl',
] as const;
export type Area = (typeof AREAS)[number];

/** Areas that only the Swedish catalogue uses. */
export const SE_ONLY_AREAS: readonly Area[] = ['ordinary_housing', 'special_housing', 'lss', 'hsl'];

export const CATALOGUE_SECTORS = ['municipal', 'regional'] as const;
export type CatalogueSector = (typeof CATALOGUE_SECTORS)[number];

/**
 * The kind of authority responsible for a service, and the sector (payer) it belongs to: practices work
 * under agreement with the region, so general and specialist practice are regional.
 */
export const AUTHORITY_SECTOR = {
  municipality: 'municipal',
  region: 'regional',
  general_practice: 'regional',
  specialist_practice: 'regional',
} as const satisfies Record<string, CatalogueSector>;
export type Authority = keyof typeof AUTHORITY_SECTOR;
export const AUTHORITIES = Object.keys(AUTHORITY_SECTOR) as [Authority, ...Authority[]];

/** The authority a `sector:` shorthand stands for. */
export const DEFAULT_AUTHORITY: Record<CatalogueSector, Authority> = {
  municipal: 'municipality',
  regional: 'region',
};

export function isUnit(value: string): value is Unit {
  return (UNITS as readonly string[]).includes(value);
}

export function isArea(value: string): value is Area {
  return (AREAS as readonly string[]).includes(value);
}
