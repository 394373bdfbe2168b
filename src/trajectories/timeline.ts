import type { Engine } from '../engine/engine.js';
import { userError } from '../core/messages.js';

/**
 * The trajectory of one pseudonymised person across sectors, for audits of cross-sector courses
 * (seed 002). It reads only by the person's pseudonym (person.pseudonym, the `person_key` of an export) and
 * never returns it, the warehouse's person_key or any source identifier,
 * so nothing in it can re-identify the person; the CLI shows it to authorised analysts only.
 */
export interface TimelineEvent {
  start: string;
  end: string | null;
  sector: 'hospital' | 'general_practice' | 'municipal' | 'regional';
  kind: string;
  code: string | null;
  detail: string | null;
  volume: string | null;
  unit: string | null;
  amount_minor: bigint | null;
}

const CPR_LIKE = /^\d{6}-?\d{4}$|^\d{8}-?\d{4}$/;

/** All contacts, stays and services of one person, oldest first. */
export async function personTimeline(engine: Engine, personKey: string): Promise<TimelineEvent[]> {
  const key = personKey.trim();
  if (CPR_LIKE.test(key)) {
    // never echo the value: it may be a real CPR number or personnummer
    throw userError('trajectories.timeline.raw_id', {}, { key: 'person_key' });
  }
  if (key.length === 0) throw userError('trajectories.timeline.no_key', {}, { key: 'person_key' });
  const have = new Set(
    (
      await engine.all<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables
         WHERE table_name IN ('stay', 'kmf_contact', 'catalogue_responsibility')`,
      )
    ).map((r) => r.t),
  );
  const parts = [
    `SELECT CAST(admit_time AS VARCHAR) AS start, CAST(discharge_time AS VARCHAR) AS "end", 'hospital' AS sector,
            CASE WHEN psychiatric THEN 'psychiatric_contact' ELSE 'somatic_contact' END
              || CASE WHEN acute THEN ':acute' ELSE ':planned' END AS kind,
            primary_diagnosis AS code, hospital || coalesce(' / ' || hospital_unit, '') || coalesce(' → ' || discharge_status, '') AS detail,
            NULL AS volume, NULL AS unit, tariff_minor AS amount_minor
     FROM hospital_contact WHERE person_key = (SELECT person_key FROM person WHERE pseudonym = $k)`,
    `SELECT CAST(contact_date AS VARCHAR), NULL, 'general_practice', provider_type, service_code, NULL, NULL, NULL, fee_minor
     FROM gp_contact WHERE person_key = (SELECT person_key FROM person WHERE pseudonym = $k)`,
    // the sector responsible on the start day (catalogue_responsibility, when the run wrote it), else the source's
    `SELECT CAST(start_date AS VARCHAR), CAST(end_date AS VARCHAR),
            CASE WHEN ${have.has('catalogue_responsibility') ? 'coalesce(r.sector, sv.sector)' : 'sv.sector'} = 'regional'
                 THEN 'regional' ELSE 'municipal' END,
            coalesce(department, 'service'), catalogue_code, law_ref, CAST(volume AS VARCHAR), unit, amount_minor
     FROM service sv${
       have.has('catalogue_responsibility')
         ? ` LEFT JOIN catalogue_responsibility r ON r.code = sv.catalogue_code
               AND sv.start_date BETWEEN r.valid_from AND coalesce(r.valid_to, DATE '9999-12-31')`
         : ''
     }
     WHERE sv.person_key = (SELECT person_key FROM person WHERE pseudonym = $k)`,
  ];
  if (have.has('stay'))
    parts.push(
      `SELECT CAST(admit_time AS VARCHAR), CAST(discharge_time AS VARCHAR), 'hospital',
              CASE WHEN is_admission THEN 'admission' ELSE 'outpatient_stay' END,
              first_diagnosis, concat_ws(', ', contacts || ' contact(s)', CASE WHEN transfer THEN 'transfer' END,
                                         CASE WHEN died THEN 'died' END, 'excluded: ' || excl_group), NULL, NULL, NULL
       FROM stay WHERE person_key = (SELECT person_key FROM person WHERE pseudonym = $k)`,
    );
  if (have.has('kmf_contact'))
    parts.push(
      `SELECT CAST(contact_date AS VARCHAR), NULL, 'regional', 'kmf:' || rate_kind, catalogue_code, status,
              CAST(volume AS VARCHAR), NULL, kmf_minor
       FROM kmf_contact WHERE person_key = (SELECT person_key FROM person WHERE pseudonym = $k)`,
    );
  return engine.all<TimelineEvent & Record<string, never>>(
    `SELECT * FROM (${parts.join('\nUNION ALL\n')}) ORDER BY start, sector, kind`,
    { k: key },
  ) as Promise<TimelineEvent[]>;
}
