import type { Text } from '../i18n.js';

/** User-facing texts of the trajectories stage, in Danish, Swedish and English. */
export const msg = {
  progress: { da: 'Forløb', sv: 'Förlopp', en: 'Trajectories' },
  stays: {
    da: 'Sygehusophold: {contacts} kontakter → {stays} ophold, heraf {admissions} indlæggelser ({transfers} med overflytning)',
    sv: 'Sjukhusvistelser: {contacts} kontakter → {stays} vistelser, varav {admissions} inläggningar ({transfers} med överflyttning)',
    en: 'Hospital stays: {contacts} contacts → {stays} stays, {admissions} of them admissions ({transfers} with a transfer)',
  },
  readmissions: {
    da: 'Akutte genindlæggelser inden for {days} dage: {readmissions} af {index} indeksindlæggelser ({rate} %); rå rate uden diagnoseundtagelser {crude} %',
    sv: 'Akuta återinläggningar inom {days} dagar: {readmissions} av {index} indexinläggningar ({rate} %); rå andel utan diagnosundantag {crude} %',
    en: 'Acute readmissions within {days} days: {readmissions} of {index} index admissions ({rate} %); crude rate without diagnosis exclusions {crude} %',
  },
  kmf: {
    da: 'Kommunal medfinansiering: {total} kr. for {contacts} kontakter (taksttabel {table})',
    sv: 'Kommunal medfinansiering (KMF): {total} kr för {contacts} kontakter (taxetabell {table})',
    en: 'Municipal co-financing (KMF): DKK {total} for {contacts} contacts (rate table {table})',
  },
  kmfMissing: {
    da: 'Advarsel: {n} kontakter fik ingen medfinansiering ({reasons}); se kmf_contact.status',
    sv: 'Varning: {n} kontakter fick ingen medfinansiering ({reasons}); se kmf_contact.status',
    en: 'Warning: {n} contacts got no co-financing ({reasons}); see kmf_contact.status',
  },
  invoice: {
    da: 'Regionens faktura: {invoiced} kr. mod beregnet {computed} kr. (forskel {difference} kr.; {deviations} kommune/periode-afvigelser)',
    sv: 'Regionens faktura: {invoiced} kr mot beräknat {computed} kr (skillnad {difference} kr; {deviations} avvikelser per kommun/period)',
    en: "The region's invoice: DKK {invoiced} against DKK {computed} computed (difference {difference}; {deviations} municipality/period deviations)",
  },
  transitions: {
    da: 'Overgange: {discharges} udskrivninger, {followUp} % med kommunal opfølgning inden for {days} dage',
    sv: 'Övergångar: {discharges} utskrivningar, {followUp} % med kommunal uppföljning inom {days} dagar',
    en: 'Transitions: {discharges} discharges, {followUp} % with municipal follow-up within {days} days',
  },
  indicators: {
    da: 'Klyngeindikatorer: {n} værdier',
    sv: 'Klusterindikatorer: {n} värden',
    en: 'Cluster indicators: {n} values',
  },
  noRates: {
    da: 'KMF-taksttabellen {table} har ingen takster for år {years}',
    sv: 'KMF-taxetabellen {table} saknar taxor för år {years}',
    en: 'The KMF rate table {table} has no rates for the year(s) {years}',
  },
  noRatesHint: {
    da: 'tilføj en version, hvis valid_from–valid_to dækker {years} (hele år fra {first} til {last}; formatet står i docs/trajectories.md, "KMF rate table"), eller lad trajectories.kmf.rate_table pege på en tabel, der har dem',
    sv: 'lägg till en version vars valid_from–valid_to täcker {years} (hela år från {first} till {last}; formatet står i docs/trajectories.md, "KMF rate table"), eller låt trajectories.kmf.rate_table peka på en tabell som har dem',
    en: 'add a version whose valid_from–valid_to covers {years} (whole years from {first} to {last}; format in docs/trajectories.md, "KMF rate table"), or point trajectories.kmf.rate_table at a table that has them',
  },
  kmfSkipped: {
    da: 'Advarsel: kommunal medfinansiering springes over: ingen af de {contacts} kontakter har en takst eller et honorar at beregne af (kortlæg tariff for sygehuskontakter og fee for praksiskontakter); kmf_contact viser dem med status no_tariff',
    sv: 'Varning: kommunal medfinansiering hoppas över: ingen av de {contacts} kontakterna har en taxa eller ett arvode att räkna från (mappa tariff för sjukhuskontakter och fee för primärvårdskontakter); kmf_contact visar dem med status no_tariff',
    en: 'Warning: municipal co-financing (KMF) skipped: none of the {contacts} contacts has a tariff or fee to price (map tariff for hospital contacts and fee for practice contacts); kmf_contact lists them with status no_tariff',
  },
  timelineAudit: {
    da: 'Forløbsoversigt for én pseudonymiseret person: kun til autoriserede analytikere; personen må ikke genidentificeres.',
    sv: 'Tidslinje för en pseudonymiserad person: endast för behöriga analytiker; personen får inte återidentifieras.',
    en: 'Timeline of one pseudonymised person: for authorised analysts only; the person must not be re-identified.',
  },
  timelineEmpty: {
    da: 'Ingen hændelser for den pseudonymiserede nøgle.',
    sv: 'Inga händelser för den pseudonymiserade nyckeln.',
    en: 'No events for the pseudonymised key.',
  },
} satisfies Record<string, Text>;
