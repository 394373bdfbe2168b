-- Readmission rates per period by total, municipality, cluster, age band and sex; crude and directly standardised.
{{ replace_table(readmission_rate) }} AS
WITH cell AS (
  -- one pass over the index stays into the finest cells; every level is a sum of cells
  SELECT period, municipality, age_band, sex,
         count(*) FILTER (WHERE counted) AS n, count(*) FILTER (WHERE readmitted) AS k,
         count(*) FILTER (WHERE crude_counted) AS cn, count(*) FILTER (WHERE crude_readmitted) AS ck
  FROM readmission WHERE period IS NOT NULL GROUP BY period, municipality, age_band, sex
), lv AS (
  SELECT 'total' AS level, 'all' AS grp, r.* FROM cell r
  UNION ALL SELECT 'municipality', coalesce(r.municipality, 'unknown'), r.* FROM cell r
  UNION ALL SELECT 'cluster', c.cluster, r.* FROM cell r JOIN traj_cluster c ON c.municipality = r.municipality
  UNION ALL SELECT 'age_band', coalesce(r.age_band, 'unknown'), r.* FROM cell r
  UNION ALL SELECT 'sex', r.sex, r.* FROM cell r
), strata AS (
  SELECT period, level, grp, age_band, sex, sum(n) AS n, sum(k) AS k FROM lv GROUP BY period, level, grp, age_band, sex
), std AS (
  -- direct standardisation: stratum rates weighted by the reference population, over the strata present
  SELECT s.period, s.level, s.grp,
         {{ round_double(100 * sum(w.weight * s.k / s.n) / sum(w.weight), 2) }} AS standardised_rate_pct
  FROM strata s JOIN traj_std_weight w ON w.age_band = s.age_band AND w.sex = s.sex
  WHERE s.n > 0
  GROUP BY s.period, s.level, s.grp
), agg AS (
  SELECT period, level, grp,
         CAST(sum(n) AS BIGINT) AS index_stays, CAST(sum(k) AS BIGINT) AS readmissions,
         CAST(sum(cn) AS BIGINT) AS crude_index_stays, CAST(sum(ck) AS BIGINT) AS crude_readmissions
  FROM lv GROUP BY period, level, grp
)
SELECT a.period, a.level, a.grp, a.index_stays, a.readmissions,
       CASE WHEN a.index_stays > 0 THEN round(100.0 * a.readmissions / a.index_stays, 2) END AS rate_pct,
       a.crude_index_stays, a.crude_readmissions,
       CASE WHEN a.crude_index_stays > 0 THEN round(100.0 * a.crude_readmissions / a.crude_index_stays, 2) END AS crude_rate_pct,
       s.standardised_rate_pct
FROM agg a LEFT JOIN std s USING (period, level, grp)
ORDER BY a.period, a.level, a.grp;
