-- 30-day acute readmissions: one row per index admission with its exclusion reason, adjusted and crude outcome.
-- Censoring removes only indexes whose outcome is unknown: no readmission seen and the window runs past data_end.
{{ replace_table(readmission) }} AS
WITH adm AS (
  SELECT * FROM stay WHERE is_admission AND (${scope_all} OR NOT psychiatric)
), nxt AS (
  SELECT *,
    min(CASE WHEN acute AND excl_group IS NULL THEN admit_time END) OVER w AS next_valid,
    min(CASE WHEN acute THEN admit_time END) OVER w AS next_any
  FROM adm
  WINDOW w AS (PARTITION BY person_key, psychiatric ORDER BY admit_time
               ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
), d AS (
  SELECT *,
    {{ date_diff('day', CAST(discharge_time AS DATE), CAST(next_valid AS DATE)) }} AS days_valid,
    {{ date_diff('day', CAST(discharge_time AS DATE), CAST(next_any AS DATE)) }} AS days_any
  FROM nxt
), r AS (
  SELECT *,
    CASE WHEN died THEN 'death' WHEN discharge_time IS NULL THEN 'still_admitted' END AS unobservable,
    -- every comparison with a possibly NULL operand is closed with coalesce (three-valued logic)
    coalesce(days_valid <= ${readmission_days}, false) AS seen_valid,
    coalesce(days_any <= ${readmission_days}, false) AS seen_any,
    coalesce(CAST(discharge_time AS DATE) + ${readmission_days} > ${data_end}, false) AS window_open
  FROM d
)
SELECT stay_id, person_key, psychiatric, acute, admit_time, discharge_time, period, municipality, age, age_band, sex,
       coalesce(unobservable,
                CASE WHEN window_open AND NOT seen_valid THEN 'end_of_data' END,
                CASE WHEN excl_group IS NOT NULL THEN 'diagnosis:' || excl_group END) AS excluded_reason,
       unobservable IS NULL AND excl_group IS NULL AND (seen_valid OR NOT window_open) AS counted,
       unobservable IS NULL AND excl_group IS NULL AND seen_valid AS readmitted,
       CASE WHEN seen_valid THEN traj_stay_id(person_key, psychiatric, next_valid) END AS readmission_stay_id,
       CASE WHEN seen_valid THEN days_valid END AS days_to_readmission,
       unobservable IS NULL AND (seen_any OR NOT window_open) AS crude_counted,
       unobservable IS NULL AND seen_any AS crude_readmitted
FROM r;
