-- Cluster indicators per cluster, municipality and period: value, previous period, trend and target.
{{ replace_temp_table(traj_ind_muni) }} AS
WITH pop AS (
  SELECT p.id AS period, pc.municipality, sum(pc.count) AS pop_all, coalesce(sum(pc.count) FILTER (WHERE pc.age >= 65), 0) AS pop65
  FROM traj_period_def p JOIN population pc ON pc.year = p.pop_year
  GROUP BY p.id, pc.municipality
), counted AS (
  -- numerators; the shares carry their own denominators
  SELECT municipality, period, 'admissions_per_1000_65plus' AS indicator, count(*) AS numerator, NULL AS own_denominator
  FROM stay WHERE is_admission AND NOT psychiatric AND age >= 65 AND period IS NOT NULL GROUP BY municipality, period
  UNION ALL
  SELECT municipality, period, 'acute_readmissions_per_1000_65plus', count(*), NULL
  FROM readmission WHERE readmitted AND age >= 65 AND period IS NOT NULL GROUP BY municipality, period
  UNION ALL
  SELECT municipality, period, 'hospital_contacts_per_citizen', count(*), NULL FROM kmf_contact WHERE source = 'hospital' GROUP BY municipality, period
  UNION ALL
  SELECT municipality, period, 'gp_contacts_per_citizen', count(*), NULL FROM kmf_contact WHERE source = 'gp' GROUP BY municipality, period
  UNION ALL
  -- service rows by the sector responsible on their start day: a code whose responsible sector changes (more than
  -- one sector in catalogue_responsibility) takes the catalogue's sector of that day, every other row keeps its
  -- registered sector (as costing does, docs/costing.md "Sector by date"). A service that moves to the region on
  -- 2027-01-01 (SUL-140) counts as municipal before and as regional after; private rows count in neither.
  SELECT municipality, period, sector || '_services_per_citizen', count(*), NULL
  FROM (
    SELECT sv.municipality, traj_period(sv.start_date) AS period, coalesce(r.sector, sv.sector) AS sector
    FROM service sv LEFT JOIN (
      SELECT cr.code, cr.valid_from, cr.valid_to, cr.sector FROM catalogue_responsibility cr
      WHERE cr.code IN (SELECT code FROM catalogue_responsibility GROUP BY code HAVING count(DISTINCT sector) > 1)
    ) r ON r.code = sv.catalogue_code AND sv.start_date BETWEEN r.valid_from AND coalesce(r.valid_to, DATE '9999-12-31')
    WHERE sv.person_key IS NOT NULL AND traj_period(sv.start_date) IS NOT NULL
  ) responsible
  WHERE sector IN ('municipal', 'regional')
  GROUP BY municipality, period, sector
  UNION ALL
  SELECT municipality, period, 'cost_per_citizen_municipal', CAST(sum(cost_minor) AS BIGINT), NULL
  FROM cost_person WHERE sector = 'municipal' AND period IS NOT NULL GROUP BY municipality, period
  UNION ALL
  SELECT municipality, period, 'cost_per_citizen_regional', CAST(sum(cost_minor) AS BIGINT), NULL
  FROM cost_person WHERE sector = 'regional' AND period IS NOT NULL GROUP BY municipality, period
  UNION ALL
  SELECT municipality, period, 'readmission_rate_pct', count(*) FILTER (WHERE readmitted), count(*) FILTER (WHERE counted)
  FROM readmission WHERE period IS NOT NULL GROUP BY municipality, period
  UNION ALL
  SELECT municipality, period, 'home_care_after_discharge_pct', count(*) FILTER (WHERE home_care), count(*)
  FROM transition WHERE age >= 65 GROUP BY municipality, period
  UNION ALL
  SELECT municipality, period, 'follow_up_after_discharge_pct', count(*) FILTER (WHERE follow_up), count(*)
  FROM transition GROUP BY municipality, period
), num AS (
  SELECT * FROM counted
  UNION ALL
  SELECT municipality, period, 'services_per_citizen', sum(numerator), NULL FROM counted
  WHERE indicator IN ('hospital_contacts_per_citizen', 'gp_contacts_per_citizen', 'municipal_services_per_citizen',
                      'regional_services_per_citizen')
  GROUP BY municipality, period
), ind(indicator, denominator_kind, scale) AS (
  VALUES ('admissions_per_1000_65plus', 'pop65', 1000), ('acute_readmissions_per_1000_65plus', 'pop65', 1000),
         ('services_per_citizen', 'pop', 1), ('hospital_contacts_per_citizen', 'pop', 1),
         ('gp_contacts_per_citizen', 'pop', 1), ('municipal_services_per_citizen', 'pop', 1),
         ('regional_services_per_citizen', 'pop', 1),
         ('cost_per_citizen_municipal', 'pop', 0.01), ('cost_per_citizen_regional', 'pop', 0.01),
         ('readmission_rate_pct', 'own', 100), ('home_care_after_discharge_pct', 'own', 100),
         ('follow_up_after_discharge_pct', 'own', 100)
), keys AS (
  -- every municipality and period seen, so a cluster's denominators include municipalities without events
  SELECT municipality, period FROM pop
  UNION SELECT municipality, period FROM num WHERE municipality IS NOT NULL AND period IS NOT NULL
)
SELECT k.municipality, k.period, i.indicator, CAST(coalesce(n.numerator, 0) AS BIGINT) AS numerator,
       CAST(CASE i.denominator_kind WHEN 'pop65' THEN pop.pop65 WHEN 'pop' THEN pop.pop_all
            ELSE coalesce(n.own_denominator, 0) END AS BIGINT) AS denominator,
       i.scale
FROM keys k CROSS JOIN ind i
LEFT JOIN num n ON n.municipality = k.municipality AND n.period = k.period AND n.indicator = i.indicator
LEFT JOIN pop ON pop.municipality = k.municipality AND pop.period = k.period;

{{ replace_table(cluster_indicator) }} AS
WITH both_levels AS (
  SELECT 'municipality' AS level, municipality AS unit, period, indicator, numerator, denominator, scale FROM traj_ind_muni
  UNION ALL
  SELECT 'cluster', c.cluster, m.period, m.indicator, sum(m.numerator), sum(m.denominator), {{ any_value(m.scale) }}
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
