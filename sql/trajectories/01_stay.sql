-- Stays: a person's contacts (somatic and psychiatric apart) that overlap or lie ≤ ${gap_seconds} s apart form one stay.
-- Diagnoses are few: classify each distinct code once, then join.
CREATE OR REPLACE TEMP TABLE traj_diag_excl AS
SELECT d, traj_exclusion(d) AS excl_group
FROM (SELECT DISTINCT primary_diagnosis AS d FROM hospital_contact WHERE primary_diagnosis IS NOT NULL);

CREATE OR REPLACE TEMP TABLE stay_contact AS
WITH c AS (
  SELECT import_id, row_no, contact_id, person_key, psychiatric, acute, hospital, municipality, admit_time,
         discharge_time, primary_diagnosis, discharge_status, tariff_minor, kmf_minor,
         coalesce(discharge_time, TIMESTAMP '9999-12-31 00:00:00') AS end_t
  FROM hospital_contact
), o AS (
  SELECT *, max(end_t) OVER (PARTITION BY person_key, psychiatric ORDER BY admit_time, import_id, row_no
                             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
  FROM c
), n AS (
  SELECT *, sum(CASE WHEN prev_end IS NULL OR date_diff('second', prev_end, admit_time) > ${gap_seconds} THEN 1 ELSE 0 END)
              OVER (PARTITION BY person_key, psychiatric ORDER BY admit_time, import_id, row_no
                    ROWS UNBOUNDED PRECEDING) AS stay_no
  FROM o
)
SELECT stay_no, import_id, row_no, contact_id, person_key, psychiatric, acute, hospital, municipality, admit_time,
       discharge_time, end_t, primary_diagnosis, x.excl_group,
       discharge_status, tariff_minor, kmf_minor
FROM n LEFT JOIN traj_diag_excl x ON x.d = n.primary_diagnosis;

CREATE OR REPLACE TABLE stay AS
WITH g AS (
  SELECT person_key, psychiatric, stay_no,
         arg_min(acute, admit_time) AS acute,                       -- the first contact decides acute/planned
         min(admit_time) AS admit_time,
         CASE WHEN bool_or(discharge_time IS NULL) THEN NULL ELSE max(discharge_time) END AS discharge_time,
         count(*) AS contacts,
         min(hospital) <> max(hospital) AS several_hospitals,
         bool_or(discharge_status = 'transfer') AS any_transfer_status,
         arg_min(primary_diagnosis, admit_time) AS first_diagnosis,
         min(excl_group) AS excl_group,
         arg_max(discharge_status, end_t) AS last_status,
         arg_min(municipality, admit_time) AS contact_municipality
  FROM stay_contact
  GROUP BY person_key, psychiatric, stay_no
)
-- a stay is named by its person, kind and start: stays of one person and kind never start at the same time
SELECT traj_stay_id(g.person_key, g.psychiatric, g.admit_time) AS stay_id, g.stay_no,
       g.person_key, g.psychiatric, g.acute, g.admit_time, g.discharge_time,
       CASE WHEN g.discharge_time IS NULL THEN NULL
            ELSE round(date_diff('second', g.admit_time, g.discharge_time) / 3600.0, 2) END AS hours,
       g.discharge_time IS NULL
         OR date_diff('second', g.admit_time, g.discharge_time) >= ${admission_seconds} AS is_admission,
       g.contacts,
       (g.several_hospitals OR g.any_transfer_status) AS transfer,
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
