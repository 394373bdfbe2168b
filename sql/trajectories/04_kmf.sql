-- KMF per contact: % of the tariff/fee by year and age band (rounded half away from zero per contact), capped per course or visit.
-- Every CTE up to raw is NOT MATERIALIZED: raw is read by both branches of the course cap, and DuckDB materialises
-- the innermost CTE two readers share (x: every column of every contact, written once more; ≈ 70 % of the step's
-- compute at XL). Inlined, the several-contact branch's `course_contacts > 1` meets the GP half's constant 1 and
-- drops it, so that branch repeats only the joins of the hospital courses (docs/performance.md, "Trajectories: KMF").
{{ replace_table(kmf_contact) }} AS
WITH h AS NOT MATERIALIZED (
  SELECT 'hospital' AS source, c.contact_id, c.import_id, c.row_no, c.ord, c.person_key, s.stay_id, s.contacts AS course_contacts,
         s.period, coalesce(c.municipality, s.municipality) AS municipality,
         CAST(c.discharge_time AS DATE) AS contact_date, c.admit_time AS sort_time,
         {{ year(s.discharge_time) }} AS year, s.age, s.age_band,
         CASE WHEN NOT c.psychiatric THEN 'somatic'
              WHEN s.is_admission THEN 'psychiatric_bed_day' ELSE 'psychiatric_visit' END AS rate_kind,
         CASE WHEN NOT c.psychiatric AND s.is_admission THEN 'SUL-REG-SOM-IND'
              WHEN NOT c.psychiatric THEN 'SUL-REG-SOM-AMB'
              WHEN s.is_admission THEN 'SUL-REG-PSY-IND' ELSE 'SUL-REG-PSY-AMB' END AS catalogue_code,
         CASE WHEN s.is_admission THEN greatest(1, {{ date_diff('day', CAST(c.admit_time AS DATE), CAST(c.discharge_time AS DATE)) }})
              ELSE 1 END AS volume,
         c.tariff_minor, c.kmf_minor AS invoiced_minor, upper(trim(c.drg_code)) AS drg_code
  FROM stay_contact c JOIN stay s USING (stay_key)
  WHERE s.period IS NOT NULL AND s.discharge_time IS NOT NULL
), g AS NOT MATERIALIZED (
  SELECT 'gp' AS source, CAST(NULL AS VARCHAR) AS contact_id, g.import_id, g.row_no, CAST(NULL AS BIGINT) AS ord, g.person_key,
         NULL AS stay_id, 1 AS course_contacts,
         traj_period(g.contact_date) AS period, g.municipality, g.contact_date,
         CAST(g.contact_date AS TIMESTAMP) AS sort_time, {{ year(g.contact_date) }} AS year,
         traj_age(p.birth_year, p.birth_month, g.contact_date) AS age,
         traj_age_band(traj_age(p.birth_year, p.birth_month, g.contact_date)) AS age_band,
         CASE WHEN g.provider_type = 'specialist' THEN 'specialist' ELSE 'gp' END AS rate_kind,
         CASE WHEN g.provider_type = 'specialist' THEN 'SUL-REG-SP' ELSE 'SUL-REG-AP' END AS catalogue_code,
         1 AS volume, g.fee_minor AS tariff_minor, g.kmf_minor AS invoiced_minor, CAST(NULL AS VARCHAR) AS drg_code
  FROM gp_contact g LEFT JOIN person p ON p.person_key = g.person_key
  WHERE traj_period(g.contact_date) IS NOT NULL
), x AS NOT MATERIALIZED (
  SELECT * FROM h UNION ALL SELECT * FROM g
), priced AS NOT MATERIALIZED (
  SELECT x.*, k.pct_bp, k.cap_minor,
         CASE WHEN x.rate_kind = 'psychiatric_bed_day' THEN x.volume * k.tariff_minor
              WHEN x.rate_kind = 'psychiatric_visit' THEN k.tariff_minor
              ELSE x.tariff_minor END AS base_minor
  FROM x LEFT JOIN traj_kmf_rate k
    ON k.kind = x.rate_kind AND k.year = x.year AND k.age = least(x.age, ${max_age})
), raw AS NOT MATERIALIZED (
  -- read twice below (NOT MATERIALIZED: DuckDB and PostgreSQL 12+)
  SELECT *, traj_pct(base_minor, pct_bp) AS raw_minor,
         rate_kind IN ('somatic', 'psychiatric_bed_day') AND stay_id IS NOT NULL AND cap_minor IS NOT NULL AS per_course
  FROM priced
), capped AS (
  -- only courses of several contacts need the running sum; the cap of a one-contact course is least().
  -- ord (the contact's number, 01_stay.sql) settles contacts equal in time, import and row.
  SELECT *, CAST(sum(raw_minor) OVER (PARTITION BY stay_id ORDER BY sort_time, import_id, row_no, ord
                                      ROWS UNBOUNDED PRECEDING) AS BIGINT) AS course_cum_minor
  FROM raw WHERE per_course AND course_contacts > 1
  UNION ALL
  SELECT *, raw_minor FROM raw WHERE NOT (per_course AND course_contacts > 1)
)
SELECT source, contact_id, import_id, row_no, person_key, stay_id, period, municipality, contact_date, year, age, age_band,
       rate_kind, catalogue_code, CAST(volume AS DECIMAL(18, 4)) AS volume, base_minor, pct_bp, cap_minor, raw_minor,
       CAST(CASE WHEN raw_minor IS NULL THEN 0
            WHEN cap_minor IS NULL THEN raw_minor
            -- caps per course (somatic) and per admission (psychiatric bed days): what is left under the cap
            WHEN per_course
              THEN least(course_cum_minor, cap_minor) - least(course_cum_minor - raw_minor, cap_minor)
            ELSE least(raw_minor, cap_minor) END AS BIGINT) AS kmf_minor,
       invoiced_minor,
       -- a contact without its own tariff or fee is no_tariff whether or not its year has rates
       CASE WHEN age IS NULL THEN 'no_age'
            WHEN rate_kind IN ('somatic', 'gp', 'specialist') AND tariff_minor IS NULL THEN 'no_tariff'
            WHEN pct_bp IS NULL THEN 'no_rate'
            WHEN base_minor IS NULL THEN 'no_tariff' ELSE 'ok' END AS status,
       -- for 08_drg_cost.sql: the contact's own tariff or fee and its DRG/DAGS group, so it needs no join back
       tariff_minor AS own_minor, drg_code
FROM capped;

UPDATE kmf_contact SET municipality = r.municipality
FROM residence r
WHERE kmf_contact.municipality IS NULL AND r.person_key = kmf_contact.person_key
  AND kmf_contact.contact_date BETWEEN r.from_date AND coalesce(r.to_date, DATE '9999-12-31');
