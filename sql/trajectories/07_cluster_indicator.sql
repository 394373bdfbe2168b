-- Cluster indicators per cluster, municipality and period: value, previous period, trend and target.
CREATE OR REPLACE TEMP TABLE traj_ind_muni AS
WITH pop AS (
  SELECT p.id AS period, pc.municipality, sum(pc.count) AS pop_all, sum(pc.count) FILTER (WHERE pc.age >= 65) AS pop65
  FROM traj_period_def p JOIN population pc ON pc.year = p.pop_year
  GROUP BY ALL
), num AS (
  SELECT municipality, period, 'admissions_per_1000_65plus' AS indicator, count(*) AS numerator
  FROM stay WHERE is_admission AND NOT psychiatric AND age >= 65 AND period IS NOT NULL GROUP BY ALL
  UNION ALL
  SELECT municipality, period, 'acute_readmissions_per_1000_65plus', count(*)
  FROM readmission WHERE readmitted AND age >= 65 AND period IS NOT NULL GROUP BY ALL
  UNION ALL
  SELECT municipality, period, 'hospital_contacts_per_citizen', count(*) FROM kmf_contact WHERE source = 'hospital' GROUP BY ALL
  UNION ALL
  SELECT municipality, period, 'gp_contacts_per_citizen', count(*) FROM kmf_contact WHERE source = 'gp' GROUP BY ALL
  UNION ALL
  SELECT municipality, traj_period(start_date), 'municipal_services_per_citizen', count(*)
  FROM service WHERE person_key IS NOT NULL AND sector = 'municipal' AND traj_period(start_date) IS NOT NULL GROUP BY ALL
  UNION ALL
  SELECT municipality, period, 'cost_per_citizen_municipal', CAST(sum(cost_minor) AS BIGINT)
  FROM cost_person WHERE sector = 'municipal' AND period IS NOT NULL GROUP BY ALL
  UNION ALL
  SELECT municipality, period, 'cost_per_citizen_regional', CAST(sum(cost_minor) AS BIGINT)
  FROM cost_person WHERE sector = 'regional' AND period IS NOT NULL GROUP BY ALL
), per_pop AS (
  SELECT municipality, period, indicator, numerator FROM num
  UNION ALL
  SELECT municipality, period, 'services_per_citizen', sum(numerator) FROM num
  WHERE indicator IN ('hospital_contacts_per_citizen', 'gp_contacts_per_citizen', 'municipal_services_per_citizen')
  GROUP BY ALL
)
SELECT n.municipality, n.period, n.indicator, CAST(n.numerator AS BIGINT) AS numerator,
       CAST(CASE WHEN n.indicator LIKE '%65plus' THEN pop.pop65 ELSE pop.pop_all END AS BIGINT) AS denominator,
       CASE WHEN n.indicator LIKE '%per_1000%' THEN 1000 WHEN n.indicator LIKE 'cost_%' THEN 0.01 ELSE 1 END AS scale
FROM per_pop n LEFT JOIN pop ON pop.period = n.period AND pop.municipality = n.municipality
WHERE n.municipality IS NOT NULL
UNION ALL
SELECT municipality, period, 'readmission_rate_pct', count(*) FILTER (WHERE readmitted), count(*) FILTER (WHERE counted), 100
FROM readmission WHERE period IS NOT NULL AND municipality IS NOT NULL GROUP BY ALL
UNION ALL
SELECT municipality, period, 'home_care_after_discharge_pct', count(*) FILTER (WHERE home_care), count(*), 100
FROM transition WHERE age >= 65 AND municipality IS NOT NULL GROUP BY ALL
UNION ALL
SELECT municipality, period, 'follow_up_after_discharge_pct', count(*) FILTER (WHERE follow_up), count(*), 100
FROM transition WHERE municipality IS NOT NULL GROUP BY ALL;

CREATE OR REPLACE TABLE cluster_indicator AS
WITH both_levels AS (
  SELECT 'municipality' AS level, municipality AS unit, period, indicator, numerator, denominator, scale FROM traj_ind_muni
  UNION ALL
  SELECT 'cluster', c.cluster, m.period, m.indicator, sum(m.numerator), sum(m.denominator), any_value(m.scale)
  FROM traj_ind_muni m JOIN traj_cluster c ON c.municipality = m.municipality
  GROUP BY c.cluster, m.period, m.indicator
), v AS (
  SELECT b.*, p.ord,
         CASE WHEN b.denominator > 0 THEN CAST(round(b.numerator * b.scale / b.denominator, 4) AS DECIMAL(18, 4)) END AS value
  FROM both_levels b JOIN traj_period_def p ON p.id = b.period
), t AS (
  SELECT v.*, lag(value) OVER (PARTITION BY level, unit, indicator ORDER BY ord) AS previous_value FROM v
)
SELECT t.level, t.unit, t.period, t.indicator, CAST(t.numerator AS BIGINT) AS numerator,
       CAST(t.denominator AS BIGINT) AS denominator, t.value, t.previous_value,
       t.value - t.previous_value AS change,
       CASE WHEN t.value IS NULL OR t.previous_value IS NULL THEN NULL
            WHEN t.value > t.previous_value THEN 'up' WHEN t.value < t.previous_value THEN 'down' ELSE 'flat' END AS trend,
       g.target,
       CASE WHEN g.target IS NULL OR t.value IS NULL THEN NULL
            WHEN g.lower_better THEN t.value <= g.target ELSE t.value >= g.target END AS target_met
FROM t LEFT JOIN traj_target g ON g.indicator = t.indicator
ORDER BY t.level, t.unit, t.indicator, t.ord;
