-- 30-day acute readmissions: one row per index admission with its exclusion reason, adjusted and crude outcome.
CREATE OR REPLACE TABLE readmission AS
WITH adm AS (
  SELECT * FROM stay WHERE is_admission AND (${scope_all} OR NOT psychiatric)
), nxt AS (
  SELECT *,
    min(CASE WHEN acute AND excl_group IS NULL THEN admit_time END) OVER w AS next_valid,
    min(CASE WHEN acute THEN admit_time END) OVER w AS next_any
  FROM adm
  WINDOW w AS (PARTITION BY person_key, psychiatric ORDER BY admit_time
               ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
), r AS (
  SELECT *,
    CASE WHEN died THEN 'death'
         WHEN discharge_time IS NULL THEN 'still_admitted'
         WHEN CAST(discharge_time AS DATE) + ${readmission_days} > ${data_end} THEN 'end_of_data'
    END AS structural_reason,
    date_diff('day', CAST(discharge_time AS DATE), CAST(next_valid AS DATE)) AS days_valid,
    date_diff('day', CAST(discharge_time AS DATE), CAST(next_any AS DATE)) AS days_any
  FROM nxt
)
SELECT stay_id, person_key, psychiatric, acute, admit_time, discharge_time, period, municipality, age, age_band, sex,
       coalesce(structural_reason, CASE WHEN excl_group IS NOT NULL THEN 'diagnosis:' || excl_group END) AS excluded_reason,
       structural_reason IS NULL AND excl_group IS NULL AS counted,
       structural_reason IS NULL AND excl_group IS NULL AND coalesce(days_valid <= ${readmission_days}, false) AS readmitted,
       CASE WHEN days_valid <= ${readmission_days} THEN traj_stay_id(person_key, psychiatric, next_valid) END AS readmission_stay_id,
       CASE WHEN days_valid <= ${readmission_days} THEN days_valid END AS days_to_readmission,
       structural_reason IS NULL AS crude_counted,
       structural_reason IS NULL AND coalesce(days_any <= ${readmission_days}, false) AS crude_readmitted
FROM r;
