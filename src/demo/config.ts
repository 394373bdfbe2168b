/** The tvaerblik.yaml of a demo workspace: one source per extract, mapped to contract A; costing per C/D. */
import { stringify } from 'yaml';
import { DK_FILES, DK_HEADERS, SE_FILES, SE_HEADERS, yearFile } from './generate.js';
import * as W from './layouts.js';
import type { Profile } from './profile.js';

interface ConfigInput {
  profile: Profile;
  year: number;
  parquet: boolean;
  persons: number;
  seed: number;
  adminTargets: string[];
  premises: { targets: string[]; weights: Record<string, number> };
}

type Sources = unknown[];

export function buildDemoConfig(i: ConfigInput): string {
  return `${DEMO_CONFIG_HEADER}\n${stringify(demoConfigObject(i), { lineWidth: 120 })}`;
}

export const DEMO_CONFIG_HEADER = [
  `# Demo workspace written by \`tvaerblik demo\` (synthetic data: no real person; see docs/demo.md).`,
  `# Same seed => same files. Run \`tvaerblik run\` in this folder.`,
].join('\n');

/** The config of one municipality and one year, as an object (series.ts merges several). */
export function demoConfigObject(i: ConfigInput) {
  const dk = i.profile.country === 'DK';
  const period = String(i.year);
  const sources = (dk ? dkSources(i, period) : seSources(i, period)).map((s) => {
    const src = s as { file: string };
    return { ...src, file: yearFile(src.file, i.year) };
  });
  return {
    version: 1,
    // the workspace's name is shown as it is in every report: written in the country's language
    name: dk
      ? `Tværblik-demo: ${i.profile.municipalityName}, ${i.persons.toLocaleString('da-DK')} indbyggere`
      : `Tvärblick-demo: ${i.profile.municipalityName}, ${i.persons.toLocaleString('sv-SE')} invånare`,
    country: i.profile.country,
    currency: i.profile.currency,
    municipalities: [i.profile.municipality],
    periods: [{ id: period, from: `${i.year}-01-01`, to: `${i.year}-12-31` }],
    pseudonymisation: { key_file: 'secrets/pseudonym.key' },
    suppression: { threshold: 5 },
    catalogue: dk ? 'dk' : 'se',
    warehouse: 'warehouse/tvaerblik.duckdb',
    sources,
    costing: {
      translation_table: 'mappings/ledger-translation.csv',
      pools: [
        { id: 'adm', kind: 'administration', key: 'direct_cost', targets: i.adminTargets, order: 0 },
        {
          id: 'lokaler',
          kind: 'premises',
          key: 'floor_area',
          targets: i.premises.targets,
          weights: i.premises.weights,
          order: 0,
        },
      ].filter((p) => p.targets.length > 0),
      methods: dk
        ? [
            {
              codes: ['SEL-95', 'SEL-96', 'SEL-112', 'SEL-113', 'SEL-116', 'BES-SDP'],
              method: 'record_amount',
            },
            {
              codes: ['SEL-83-PP*', 'SEL-83-PH*'],
              method: 'price',
              price_list: 'mappings/takster-hjemmepleje.csv',
            },
            { codes: ['SEL-107', 'SEL-108', 'SEL-192'], method: 'kpb' },
          ]
        : [{ codes: ['SOL-*', 'LSS-*', 'HSL-*'], method: 'kpb' }],
      home_care_measure: 'hour_granted',
    },
    // The Aalborg analysis: adults 18–64, top 2 % and bottom 78 %, resource-heavy from 250,000 kr.
    analysis: {
      heavy_threshold: 250000,
      headline: { age_from: 18, age_to: 64, top_pct: 2, bottom_pct: 78 },
      quadrant: { municipal: { quantile: 0.98 }, regional: { quantile: 0.98 } },
    },
    trajectories: {},
  };
}

const col = (column: string, extra: Record<string, unknown> = {}) => ({ column, ...extra });

/** The region's hospital-contact columns, laid out alike in the DK and SE demos (headers in order). */
function hospitalColumns(h: readonly string[], statusWords: Record<string, string>) {
  return {
    person_id: h[0]!,
    contact_id: h[1]!,
    region: h[2]!,
    municipality: h[3]!,
    hospital: h[4]!,
    hospital_unit: h[5]!,
    acute: h[6]!,
    psychiatric: h[7]!,
    admit_time: col(h[8]!, { format: 'yyyy-mm-dd HH:MM' }),
    discharge_time: col(h[9]!, { format: 'yyyy-mm-dd HH:MM' }),
    primary_diagnosis: h[10]!,
    discharge_status: col(h[11]!, { values: W.invert(statusWords) }),
    drg_code: h[12]!,
    tariff: col(h[13]!, { money: 'kr' }),
  };
}

function dkSources(i: ConfigInput, period: string): Sources {
  const H = DK_HEADERS;
  const muni = i.profile.municipality;
  const unitValues = W.invert(W.DK_UNIT_WORDS);
  const ahServices = {
    id: 'aeldre_handicap',
    file: i.parquet ? DK_FILES.ahServicesParquet : DK_FILES.ah,
    format: i.parquet ? 'parquet' : 'excel',
    ...(i.parquet ? {} : { excel: { sheet: 'Ydelser', header_row: 1 } }),
    department: 'Ældre- og Handicapforvaltningen',
    sector: 'municipal',
    period,
    target: 'service',
    municipality: muni,
    codes: DK_FILES.codesAh,
    columns: {
      person_id: H.ah[0]!,
      local_code: H.ah[1]!,
      start_date: H.ah[3]!,
      end_date: H.ah[4]!,
      volume: H.ah[5]!,
      unit: col(H.ah[6]!, { values: unitValues }),
      provider: col(H.ah[7]!, { values: { Egen: 'own', Ekstern: 'external' } }),
      provider_unit: H.ah[8]!,
      amount: col(H.ah[9]!, { money: 'kr' }),
    },
  };
  const ahAttributes = {
    id: 'aeldre_handicap_maalgrupper',
    file: i.parquet ? DK_FILES.ahAttributesParquet : DK_FILES.ah,
    format: i.parquet ? 'parquet' : 'excel',
    ...(i.parquet ? {} : { excel: { sheet: 'Målgruppe og boform', header_row: 1 } }),
    department: 'Ældre- og Handicapforvaltningen',
    target: 'person_attribute',
    columns: {
      person_id: H.ahAttr[0]!,
      attribute: col(H.ahAttr[1]!, { values: { Målgruppe: 'target_group', Boform: 'housing' } }),
      value: col(H.ahAttr[2]!, {
        values: { ...W.invert(W.DK_TARGET_GROUP_WORDS), ...W.invert(W.DK_HOUSING_WORDS) },
      }),
      from_date: H.ahAttr[3]!,
      to_date: H.ahAttr[4]!,
    },
  };
  const win = { delimiter: ';', decimal: ',', thousands: '.', encoding: 'windows-1252', header_row: 1 };
  return [
    ahServices,
    ahAttributes,
    {
      id: 'fb_ydelser',
      file: DK_FILES.fb,
      format: 'csv',
      csv: win,
      department: 'Familie- og Beskæftigelsesforvaltningen',
      period,
      target: 'service',
      municipality: muni,
      codes: DK_FILES.codesFb,
      columns: {
        person_id: H.fb[0]!,
        local_code: H.fb[1]!,
        start_date: col(H.fb[3]!, { format: 'dd-mm-yyyy' }),
        end_date: col(H.fb[4]!, { format: 'dd-mm-yyyy' }),
        volume: H.fb[5]!,
        unit: col(H.fb[6]!, { values: unitValues }),
        amount: col(H.fb[7]!, { money: 'kr' }),
        provider_unit: H.fb[8]!,
      },
    },
    {
      id: 'fb_forsoergelse',
      file: DK_FILES.fbStatus,
      format: 'csv',
      csv: win,
      department: 'Familie- og Beskæftigelsesforvaltningen',
      target: 'person_attribute',
      columns: {
        person_id: H.fbStatus[0]!,
        attribute: col(H.fbStatus[1]!, {
          values: { Målgruppe: 'target_group', Forsørgelse: 'benefit_status' },
        }),
        value: col(H.fbStatus[2]!, {
          values: { ...W.invert(W.DK_TARGET_GROUP_WORDS), ...W.invert(W.DK_BENEFIT_WORDS) },
        }),
        from_date: col(H.fbStatus[3]!, { format: 'dd-mm-yyyy' }),
        to_date: col(H.fbStatus[4]!, { format: 'dd-mm-yyyy' }),
      },
    },
    {
      id: 'sundhed_kultur',
      file: DK_FILES.sk,
      format: 'csv',
      csv: { delimiter: ',', decimal: '.', encoding: 'utf-8', header_row: 1 },
      department: 'Sundheds- og Kulturforvaltningen',
      period,
      target: 'service',
      municipality: muni,
      codes: DK_FILES.codesSk,
      columns: {
        person_id: H.sk[0]!,
        local_code: H.sk[1]!,
        start_date: col(H.sk[3]!, { format: 'yyyy-mm-dd' }),
        end_date: col(H.sk[4]!, { format: 'yyyy-mm-dd' }),
        volume: H.sk[5]!,
        provider_unit: H.sk[6]!,
      },
    },
    {
      id: 'region_sygehus',
      file: DK_FILES.hospital,
      format: 'csv',
      csv: { delimiter: ';', decimal: '.', encoding: 'utf-8', header_row: 1 },
      department: i.profile.region.name,
      sector: 'regional',
      period,
      target: 'hospital_contact',
      columns: {
        ...hospitalColumns(H.hospital, W.STATUS_WORDS_DK),
        kmf: col(H.hospital[14]!, { money: 'kr' }),
      },
    },
    {
      id: 'region_kronikere',
      file: DK_FILES.chronic,
      format: 'csv',
      csv: { delimiter: ';', encoding: 'utf-8', header_row: 1 },
      department: i.profile.region.name,
      sector: 'regional',
      target: 'person_attribute',
      columns: {
        person_id: H.chronic[0]!,
        attribute: { value: 'chronic_condition' },
        value: col(H.chronic[1]!, { values: W.invert(W.DK_CHRONIC_WORDS) }),
        from_date: col(H.chronic[2]!, { format: 'yyyymmdd' }),
      },
    },
    {
      id: 'region_praksis',
      file: DK_FILES.gp,
      format: 'csv',
      csv: { delimiter: ';', encoding: 'utf-8', header_row: 1 },
      department: i.profile.region.name,
      sector: 'regional',
      period,
      target: 'gp_contact',
      columns: {
        person_id: H.gp[0]!,
        municipality: H.gp[1]!,
        contact_date: col(H.gp[2]!, { format: 'yyyymmdd' }),
        provider_type: col(H.gp[3]!, { values: { AP: 'gp', SP: 'specialist' } }),
        service_code: H.gp[4]!,
        fee: col(H.gp[5]!, { money: 'ore' }),
        kmf: col(H.gp[6]!, { money: 'ore' }),
      },
    },
    {
      id: 'cpr_bopael',
      file: DK_FILES.residence,
      format: 'csv',
      csv: { delimiter: ';', encoding: 'utf-8', header_row: 1 },
      target: 'residence',
      columns: {
        person_id: H.residence[0]!,
        municipality: H.residence[1]!,
        from_date: col(H.residence[2]!, { format: 'dd.mm.yyyy' }),
        to_date: col(H.residence[3]!, { format: 'dd.mm.yyyy' }),
        death_date: col(H.residence[4]!, { format: 'dd.mm.yyyy' }),
      },
    },
    {
      id: 'befolkning',
      file: DK_FILES.population,
      format: 'csv',
      csv: { delimiter: ',', encoding: 'utf-8', header_row: 1 },
      target: 'population',
      columns: {
        municipality: H.population[0]!,
        year: H.population[1]!,
        age: H.population[2]!,
        sex: col(H.population[3]!, { values: { K: 'F', M: 'M' } }),
        count: H.population[4]!,
      },
    },
    {
      id: 'finans',
      file: DK_FILES.ledger,
      format: 'csv',
      csv: { delimiter: ';', decimal: ',', encoding: 'utf-8', header_row: 1 },
      period,
      target: 'ledger',
      municipality: muni,
      columns: {
        account: H.ledger[0]!,
        activity: H.ledger[1]!,
        responsibility: H.ledger[2]!,
        project: H.ledger[3]!,
        counterpart: H.ledger[4]!,
        text: H.ledger[5]!,
        amount: col(H.ledger[6]!, { money: 'kr' }),
      },
    },
  ];
}

function seSources(i: ConfigInput, period: string): Sources {
  const H = SE_HEADERS;
  const muni = i.profile.municipality;
  const semi = { delimiter: ';', decimal: ',', encoding: 'utf-8', header_row: 1 };
  return [
    {
      id: 'vof_insatser',
      file: SE_FILES.vof,
      format: 'csv',
      csv: semi,
      department: 'Vård- och omsorgsförvaltningen',
      period,
      target: 'service',
      municipality: muni,
      codes: SE_FILES.codes,
      columns: {
        person_id: H.vof[0]!,
        local_code: H.vof[1]!,
        start_date: col(H.vof[3]!, { format: 'yyyy-mm-dd' }),
        end_date: col(H.vof[4]!, { format: 'yyyy-mm-dd' }),
        volume: H.vof[5]!,
        unit: col(H.vof[6]!, { values: W.invert(W.SE_UNIT_WORDS) }),
        provider: col(H.vof[7]!, { values: { 'Egen regi': 'own', 'Privat regi': 'external' } }),
        provider_unit: H.vof[8]!,
      },
    },
    {
      id: 'vof_malgrupp',
      file: SE_FILES.vofAttr,
      format: 'csv',
      csv: semi,
      department: 'Vård- och omsorgsförvaltningen',
      target: 'person_attribute',
      columns: {
        person_id: H.vofAttr[0]!,
        attribute: col(H.vofAttr[1]!, { values: { Personkrets: 'target_group', Boendeform: 'housing' } }),
        value: col(H.vofAttr[2]!, { values: W.invert(W.SE_WORDS) }),
        from_date: col(H.vofAttr[3]!, { format: 'yyyy-mm-dd' }),
        to_date: col(H.vofAttr[4]!, { format: 'yyyy-mm-dd' }),
      },
    },
    {
      id: 'region_vardkontakter',
      file: SE_FILES.hospital,
      format: 'csv',
      csv: semi,
      department: i.profile.region.name,
      sector: 'regional',
      period,
      target: 'hospital_contact',
      columns: {
        ...hospitalColumns(H.hospital, W.STATUS_WORDS_SE),
      },
    },
    {
      id: 'folkbokforing',
      file: SE_FILES.residence,
      format: 'csv',
      csv: semi,
      target: 'residence',
      columns: {
        person_id: H.residence[0]!,
        municipality: H.residence[1]!,
        from_date: col(H.residence[2]!, { format: 'yyyy-mm-dd' }),
        to_date: col(H.residence[3]!, { format: 'yyyy-mm-dd' }),
        death_date: col(H.residence[4]!, { format: 'yyyy-mm-dd' }),
      },
    },
    {
      id: 'befolkning',
      file: SE_FILES.population,
      format: 'csv',
      csv: semi,
      target: 'population',
      columns: {
        municipality: H.population[0]!,
        year: H.population[1]!,
        age: H.population[2]!,
        sex: col(H.population[3]!, { values: { K: 'F', M: 'M' } }),
        count: H.population[4]!,
      },
    },
    {
      id: 'huvudbok',
      file: SE_FILES.ledger,
      format: 'csv',
      csv: semi,
      period,
      target: 'ledger',
      municipality: muni,
      columns: {
        account: H.ledger[0]!,
        activity: H.ledger[1]!,
        responsibility: H.ledger[2]!,
        project: H.ledger[3]!,
        counterpart: H.ledger[4]!,
        text: H.ledger[5]!,
        amount: col(H.ledger[6]!, { money: 'kr' }),
      },
    },
  ];
}
