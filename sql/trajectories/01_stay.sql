-- Stays: a person's contacts (somatic and psychiatric apart) that overlap or lie ≤ ${gap_seconds} s apart form one stay.
CREATE OR REPLACE TEMP TABLE stay_contact AS
WITH c AS (
  SELECT import_id, row_no, contact_id, person_key, psychiatric, acute, hospital, municipality, admit_time,
         discharge_time, primary_diagnosis, discharge_status, tariff_minor, kmf_minor,
         coalesce(discharge_time, TIMESTAMP '9999-12-31 00:00:00') AS end_t
  FROM hospital_contact
), o AS (
  SELECT *, max(end_t) OVER (PARTITION BY person_key, psychiatric ORDER BY admit_time, contact_id, import_id, row_no
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
  FROM c
), n AS (
  SELECT *, sum(CASE WHEN prev_end IS NULL OR date_diff('second', prev_end, admit_time) > ${gap_seconds} THEN 1 ELSE 0 END)
              OVER (PARTITION BY person_key, psychiatric ORDER BY admit_time, contact_id, import_id, row_no
                    ROWS UNBOUNDED PRECEDING) AS stay_no
  FROM o
)
SELECT person_key || CASE WHEN psychiatric THEN ':P' ELSE ':S' END || stay_no AS stay_id,
       import_id, row_no, contact_id, person_key, psychiatric, acute, hospital, municipality, admit_time,
       discharge_time, end_t, primary_diagnosis, traj_exclusion(primary_diagnosis) AS excl_group,
       discharge_status, tariff_minor, kmf_minor
FROM n;

CREATE OR REPLACE TABLE stay AS
WITH g AS (
  SELECT stay_id, person_key, psychiatric,
         arg_min(acute, admit_time) AS acute,                       -- the first contact decides acute/planned
         min(admit_time) AS admit_time,
         CASE WHEN bool_or(discharge_time IS NULL) THEN NULL ELSE max(discharge_time) END AS discharge_time,
         count(*) AS contacts,
         count(DISTINCT hospital) AS hospitals,
         bool_or(discharge_status = 'transfer') AS any_transfer_status,
         arg_min(primary_diagnosis, admit_time) AS first_diagnosis,
         min(excl_group) AS excl_group,
         arg_max(discharge_status, end_t) AS last_status,
         arg_min(municipality, admit_time) AS contact_municipality
  FROM stay_contact
  GROUP BY stay_id, person_key, psychiatric
)
SELECT g.stay_id, g.person_key, g.psychiatric, g.acute, g.admit_time, g.discharge_time,
       CASE WHEN g.discharge_time IS NULL THEN NULL
            ELSE round(date_diff('second', g.admit_time, g.discharge_time) / 3600.0, 2) END AS hours,
       g.discharge_time IS NULL
         OR date_diff('second', g.admit_time, g.discharge_time) >= ${admission_seconds} AS is_admission,
       g.contacts, g.hospitals,
       (g.hospitals > 1 OR g.any_transfer_status) AS transfer,
       g.first_diagnosis, g.excl_group,
       (g.last_status = 'dead' OR (p.death_date IS NOT NULL AND p.death_date BETWEEN CAST(g.admit_time AS DATE)
          AND CAST(coalesce(g.discharge_time, g.admit_time) AS DATE))) AS died,
       g.contact_municipality AS municipality,
       traj_age(p.birth_year, p.birth_month, CAST(g.admit_time AS DATE)) AS age,
       traj_age_band(traj_age(p.birth_year, p.birth_month, CAST(g.admit_time AS DATE))) AS age_band,
       coalesce(p.sex, 'U') AS sex,
       traj_period(CAST(coalesce(g.discharge_time, g.admit_time) AS DATE)) AS period
FROM g LEFT JOIN person p ON p.person_key = g.person_key;

-- Where the extract has no municipality, the residence on the day of admission supplies it.
UPDATE stay SET municipality = r.municipality
FROM residence r
WHERE stay.municipality IS NULL AND r.person_key = stay.person_key
  AND CAST(stay.admit_time AS DATE) BETWEEN r.from_date AND coalesce(r.to_date, DATE '9999-12-31');
