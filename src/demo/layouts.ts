/** How each department writes its extract: headers, unit words, date and number formats (docs/demo.md). */

export const DK_UNIT_WORDS: Record<string, string> = {
  hour_granted: 'timer',
  day: 'døgn',
  visit: 'besøg',
  item: 'stk.',
  month: 'måneder',
  week: 'uger',
  portion: 'portioner',
};

export const SE_UNIT_WORDS: Record<string, string> = {
  hour_granted: 'beviljade timmar',
  hour_performed: 'utförda timmar',
  hour: 'timmar',
  day: 'dygn',
  visit: 'besök',
  month: 'månader',
  portion: 'portioner',
  item: 'st',
};

export const DK_TARGET_GROUP_WORDS: Record<string, string> = {
  physical_disability: 'Fysisk handicap',
  acquired_brain_injury: 'Erhvervet hjerneskade',
  developmental_disability: 'Udviklingshæmning',
  mental_illness: 'Sindslidelse',
  substance_abuse: 'Misbrug',
};

export const DK_HOUSING_WORDS: Record<string, string> = {
  own_home: 'Eget hjem',
  housing_107: 'Midlertidigt botilbud § 107',
  housing_108: 'Længerevarende botilbud § 108',
  nursing_home: 'Plejebolig',
};

export const DK_BENEFIT_WORDS: Record<string, string> = {
  disability_pension: 'Førtidspension',
  social_assistance: 'Kontanthjælp',
  flex_job: 'Fleksjob',
  sickness_benefit: 'Sygedagpenge',
  resource_course: 'Ressourceforløb',
};

export const DK_CHRONIC_WORDS: Record<string, string> = {
  diabetes: 'Diabetes',
  copd: 'KOL',
  heart_failure: 'Hjertesvigt',
  ischaemic_heart_disease: 'Iskæmisk hjertesygdom',
  dementia: 'Demens',
  osteoporosis: 'Osteoporose',
  arthritis: 'Leddegigt',
  cancer: 'Kræft',
};

export const SE_WORDS: Record<string, string> = {
  physical_disability: 'Rörelsehinder',
  acquired_brain_injury: 'Förvärvad hjärnskada',
  developmental_disability: 'Utvecklingsstörning',
  mental_illness: 'Psykisk funktionsnedsättning',
  lss_housing: 'Bostad LSS',
  special_housing: 'Särskilt boende',
  ordinary_housing: 'Ordinärt boende',
};

export const STATUS_WORDS_DK: Record<string, string> = {
  home: 'Hjem',
  transfer: 'Overflyttet',
  dead: 'Død',
  other: 'Andet',
};
export const STATUS_WORDS_SE: Record<string, string> = {
  home: 'Hem',
  transfer: 'Annat sjukhus',
  dead: 'Avliden',
  other: 'Övrigt',
};

/** Invert a canonical→word map into the `values` map a ColumnMap needs (word → canonical). */
export function invert(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
}
