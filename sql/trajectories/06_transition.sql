-- Transitions: each discharge from a somatic admission (alive) → first municipal follow-up within ${follow_up_days} days.
{{ replace_table(transition) }} AS
WITH d AS NOT MATERIALIZED (
  -- inlined where it is read: a materialised CTE hides its size from the join planner, which then builds on the services
  SELECT stay_id, person_key, period, municipality, age, age_band, sex, acute,
         CAST(discharge_time AS DATE) AS discharge_date
  FROM stay
  -- stay.died is never NULL (01_stay.sql closes it with coalesce), so NOT died keeps every living discharge
  WHERE is_admission AND NOT psychiatric AND NOT died AND discharge_time IS NOT NULL AND period IS NOT NULL
), f AS (
  -- A service meets a discharge when it starts on or before discharge + ${follow_up_days} days and ends on or after the
  -- discharge; grants (hours, days, places, months) without an end run on, other rows without an end are single days.
  -- Pairing each discharge with every service of its person grows with visits × discharges (a heavy home-care user
  -- has thousands of visits a year, and more each year of data), so the two shapes of rows are paired apart.
  -- A one-day row (a visit) meets a discharge when it lies on one of the ${follow_up_days} + 1 days from the discharge
  -- date. Days are cut into blocks of that many days; the window touches one or two blocks, so each discharge is
  -- joined on person and block to the visits of at most two blocks (an equality join), then filtered exactly …
  SELECT w.stay_id, fk.kind, sv.start_date AS first_date, false AS continuing
  FROM (
    SELECT stay_id, person_key, discharge_date,
           {{ intdiv(discharge_date - DATE '0001-01-01', ${follow_up_days} + 1) }} AS block
    FROM d
    UNION ALL
    SELECT stay_id, person_key, discharge_date,
           {{ intdiv(discharge_date - DATE '0001-01-01', ${follow_up_days} + 1) }} + 1
    FROM d
    WHERE {{ intdiv(discharge_date - DATE '0001-01-01', ${follow_up_days} + 1) }}
          < {{ intdiv(discharge_date + ${follow_up_days} - DATE '0001-01-01', ${follow_up_days} + 1) }}
  ) AS w
  JOIN service sv ON sv.person_key = w.person_key
   AND {{ intdiv(sv.start_date - DATE '0001-01-01', ${follow_up_days} + 1) }} = w.block
  JOIN traj_followup fk ON fk.code = sv.catalogue_code
  WHERE coalesce(sv.end_date, CASE WHEN sv.unit IN ('hour_granted', 'day', 'place', 'month') THEN NULL ELSE sv.start_date END)
        = sv.start_date
    AND sv.start_date BETWEEN w.discharge_date AND w.discharge_date + ${follow_up_days}
  UNION ALL
  -- … every other row (a grant or a span, or the rare row ending before it starts) with the whole condition: a person
  -- has few of them
  SELECT d.stay_id, fk.kind, greatest(sv.start_date, d.discharge_date), sv.start_date < d.discharge_date
  FROM d
  JOIN service sv ON sv.person_key = d.person_key
  JOIN traj_followup fk ON fk.code = sv.catalogue_code
  WHERE coalesce(coalesce(sv.end_date, CASE WHEN sv.unit IN ('hour_granted', 'day', 'place', 'month') THEN NULL ELSE sv.start_date END)
                 <> sv.start_date, true)
    AND sv.start_date <= d.discharge_date + ${follow_up_days}
    AND coalesce(sv.end_date,
                 CASE WHEN sv.unit IN ('hour_granted', 'day', 'place', 'month') THEN DATE '9999-12-31' ELSE sv.start_date END)
        >= d.discharge_date
), first AS (
  SELECT stay_id, min(first_date) AS first_date, {{ arg_min(kind, first_date, kind) }} AS first_kind,
         bool_or(continuing) AS continuing, bool_or(kind = 'home_care') AS home_care,
         bool_or(kind = 'home_nursing') AS home_nursing, bool_or(kind = 'rehabilitation') AS rehabilitation,
         bool_or(kind = 'temporary_stay') AS temporary_stay
  FROM f GROUP BY stay_id
), chronic AS (
  SELECT d.stay_id, count(DISTINCT a.value) AS conditions
  FROM d JOIN person_attribute a ON a.person_key = d.person_key AND a.attribute = 'chronic_condition'
   AND d.discharge_date BETWEEN coalesce(a.from_date, DATE '0001-01-01') AND coalesce(a.to_date, DATE '9999-12-31')
  GROUP BY d.stay_id
)
SELECT d.stay_id, d.person_key, d.period, d.municipality, d.age, d.age_band, d.sex, d.acute, d.discharge_date,
       f.stay_id IS NOT NULL AS follow_up,
       f.first_kind AS first_service_kind, f.first_date AS first_service_date,
       {{ date_diff('day', d.discharge_date, f.first_date) }} AS days_to_first_service,
       coalesce(f.continuing, false) AS continuing_service,
       coalesce(f.home_care, false) AS home_care, coalesce(f.home_nursing, false) AS home_nursing,
       coalesce(f.rehabilitation, false) AS rehabilitation, coalesce(f.temporary_stay, false) AS temporary_stay,
       coalesce(ch.conditions, 0) AS chronic_conditions,
       coalesce(d.age >= 65 AND ch.conditions >= ${multimorbid_min}, false) AS older_multimorbid,
       coalesce(r.counted, false) AS readmission_counted, coalesce(r.readmitted, false) AS readmitted
FROM d
LEFT JOIN first f USING (stay_id)
LEFT JOIN chronic ch USING (stay_id)
LEFT JOIN readmission r USING (stay_id);

-- Readmission with vs without municipal follow-up, for everyone and for the path of 65+ with several chronic conditions.
{{ replace_table(transition_summary) }} AS
WITH t AS (
  SELECT 'all' AS cohort, * FROM transition
  UNION ALL SELECT 'older_multimorbid', * FROM transition WHERE older_multimorbid
)
SELECT period, cohort, follow_up,
       count(*) AS discharges,
       count(*) FILTER (WHERE home_care) AS with_home_care,
       count(*) FILTER (WHERE readmission_counted) AS index_stays,
       count(*) FILTER (WHERE readmitted) AS readmissions,
       CASE WHEN count(*) FILTER (WHERE readmission_counted) > 0
            THEN round(100.0 * count(*) FILTER (WHERE readmitted) / count(*) FILTER (WHERE readmission_counted), 2) END
         AS readmission_rate_pct,
       {{ median(days_to_first_service) }} AS median_days_to_first_service
FROM t GROUP BY period, cohort, follow_up ORDER BY period, cohort, follow_up;
