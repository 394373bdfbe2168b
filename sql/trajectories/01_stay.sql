-- Stays: a person's contacts (somatic and psychiatric apart) that overlap or lie ≤ ${gap_seconds} s apart form one stay.
-- Diagnoses are few: classify each distinct code once, then join.
{{ replace_temp_table(traj_diag_excl) }} AS
SELECT d, traj_exclusion(d) AS excl_group
FROM (SELECT DISTINCT primary_diagnosis AS d FROM hospital_contact WHERE primary_diagnosis IS NOT NULL) AS dx;

-- One pass over the contacts, no join back: (import_id, row_no) does not identify a contact (a glob source numbers
-- its rows per file, so every monthly file has a row 1). The contacts are numbered (ord) in the order person, kind,
-- admit_time, import_id, row_no; a stay is keyed by the number of its first contact (a BIGINT: cheap joins).
-- ord = the contacts of the earlier (person, kind) pairs + the number within the pair: one sort by person and kind
-- serves the number and prev_end; a global row_number was a sort of every column on its own (≈ 55 % of the step).
{{ replace_temp_table(stay_contact) }} AS
WITH o AS (
  SELECT *, row_number() OVER k AS rn,
         max(coalesce(discharge_time, TIMESTAMP '9999-12-31 00:00:00'))
           OVER (k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
  FROM hospital_contact
  WINDOW k AS (PARTITION BY person_key, psychiatric ORDER BY admit_time, import_id, row_no)
), b AS (
  SELECT person_key, psychiatric,
         coalesce(sum(count(*)) OVER (ORDER BY person_key, psychiatric ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
           AS earlier
  FROM hospital_contact GROUP BY person_key, psychiatric
), p AS (
  -- person_key and psychiatric are NOT NULL (sql/model/schema.sql): a plain equality join
  SELECT o.*, CAST(b.earlier + o.rn AS BIGINT) AS ord
  FROM o JOIN b ON b.person_key = o.person_key AND b.psychiatric = o.psychiatric
), s AS (
  SELECT *, prev_end IS NULL OR {{ date_diff('second', prev_end, admit_time) }} > ${gap_seconds} AS new_stay FROM p
), n AS (
  SELECT *,
         {{ last_value_ignore_nulls(CASE WHEN new_stay THEN ord END) }} OVER w AS stay_key,
         -- a stay of one contact (most of them) needs no aggregation below
         new_stay AND coalesce(lead(new_stay) OVER w, true) AS single
  FROM s
  WINDOW w AS (PARTITION BY person_key, psychiatric ORDER BY ord ROWS UNBOUNDED PRECEDING)
)
SELECT n.stay_key, n.single, n.ord, n.import_id, n.row_no, n.contact_id, n.person_key, n.psychiatric, n.acute,
       n.hospital, n.municipality, n.admit_time, n.discharge_time,
       coalesce(n.discharge_time, TIMESTAMP '9999-12-31 00:00:00') AS end_t,
       n.primary_diagnosis, x.excl_group, n.discharge_status, n.drg_code, n.tariff_minor, n.kmf_minor
FROM n
LEFT JOIN traj_diag_excl x ON x.d = n.primary_diagnosis;

{{ replace_table(stay) }} AS
WITH g AS (
  SELECT stay_key, person_key, psychiatric, acute, admit_time, discharge_time, 1 AS contacts,
         false AS several_hospitals, coalesce(discharge_status = 'transfer', false) AS any_transfer_status,
         primary_diagnosis AS first_diagnosis, excl_group, discharge_status AS last_status,
         municipality AS contact_municipality
  FROM stay_contact WHERE single
  UNION ALL
  SELECT stay_key, {{ any_value(person_key) }} AS person_key, {{ any_value(psychiatric) }} AS psychiatric,
         {{ arg_min(acute, admit_time) }} AS acute,                       -- the first contact decides acute/planned
         min(admit_time) AS admit_time,
         CASE WHEN bool_or(discharge_time IS NULL) THEN NULL ELSE max(discharge_time) END AS discharge_time,
         count(*) AS contacts,
         min(hospital) <> max(hospital) AS several_hospitals,
         coalesce(bool_or(discharge_status = 'transfer'), false) AS any_transfer_status,
         {{ arg_min(primary_diagnosis, admit_time) }} AS first_diagnosis,
         min(excl_group) AS excl_group,
         {{ arg_max_null(discharge_status, end_t) }} AS last_status,  -- the last contact's, even when NULL
         {{ arg_min(municipality, admit_time) }} AS contact_municipality
  FROM stay_contact WHERE NOT single
  GROUP BY stay_key
)
-- a stay is named by its person, kind and start: stays of one person and kind never start at the same time
SELECT traj_stay_id(g.person_key, g.psychiatric, g.admit_time) AS stay_id, g.stay_key,
       g.person_key, g.psychiatric, g.acute, g.admit_time, g.discharge_time,
       CASE WHEN g.discharge_time IS NULL THEN NULL
            ELSE round({{ date_diff('second', g.admit_time, g.discharge_time) }} / 3600.0, 2) END AS hours,
       g.discharge_time IS NULL
         OR {{ date_diff('second', g.admit_time, g.discharge_time) }} >= ${admission_seconds} AS is_admission,
       g.contacts,
       coalesce(g.several_hospitals OR g.any_transfer_status, false) AS transfer,
       g.first_diagnosis, g.excl_group,
       -- an unmapped discharge_status is NULL: without coalesce `died` would be NULL and `NOT died` drop the stay
       coalesce(g.last_status = 'dead', false)
         OR coalesce(p.death_date BETWEEN CAST(g.admit_time AS DATE)
                     AND CAST(coalesce(g.discharge_time, g.admit_time) AS DATE), false) AS died,
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
