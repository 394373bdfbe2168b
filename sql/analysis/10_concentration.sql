-- Concentration: Gini, top shares, Lorenz points, cost intervals and the headline table (BRIEF §1.1).
CREATE OR REPLACE TABLE mart_concentration AS
SELECT period, municipality, grp, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor,
  CASE WHEN sum(cost_minor) = 0 THEN NULL
    ELSE (2.0 * sum(rn::HUGEINT * cost_minor)::DOUBLE) / (count(*)::DOUBLE * sum(cost_minor)::DOUBLE)
      - (count(*) + 1)::DOUBLE / count(*)::DOUBLE END AS gini
FROM an_ranked GROUP BY ALL;

-- Top x %: the round(n·x/100) most expensive persons; ties broken by person key so the split is stable.
CREATE OR REPLACE TABLE mart_top_share AS
SELECT r.period, r.municipality, r.grp, t.pct,
  count(*)::BIGINT AS persons, sum(r.cost_minor)::BIGINT AS cost_minor,
  CASE WHEN max(c.cost_minor) = 0 THEN NULL ELSE sum(r.cost_minor)::DOUBLE / max(c.cost_minor)::DOUBLE END AS share
FROM an_ranked r
CROSS JOIN an_top_pct t
JOIN mart_concentration c USING (period, municipality, grp)
WHERE r.rn > r.n - greatest(1, round(r.n * t.pct / 100.0))
GROUP BY ALL;

CREATE OR REPLACE TABLE mart_lorenz AS
WITH pts AS (
  SELECT DISTINCT period, municipality, grp, n, q.point, round(n * q.point / 20.0)::BIGINT AS k
  FROM an_ranked CROSS JOIN (SELECT range AS point FROM range(0, 21)) q
), pt AS (
  SELECT pts.*, coalesce(r.cum_minor, 0)::BIGINT AS cost_cum_minor
  FROM pts LEFT JOIN an_ranked r ON r.period = pts.period AND r.municipality = pts.municipality
    AND r.grp = pts.grp AND r.rn = pts.k
)
SELECT pt.period, pt.municipality, pt.grp, pt.point::INTEGER AS point, pt.point / 20.0 AS person_share,
  pt.k AS persons_cum,
  (pt.k - coalesce(lag(pt.k) OVER (PARTITION BY pt.period, pt.municipality, pt.grp ORDER BY pt.point), 0))::BIGINT
    AS persons,
  pt.cost_cum_minor,
  CASE WHEN c.cost_minor = 0 THEN NULL ELSE pt.cost_cum_minor::DOUBLE / c.cost_minor::DOUBLE END AS cost_share
FROM pt JOIN mart_concentration c USING (period, municipality, grp);

-- Cost intervals: persons, cost, mean and (lower) median per interval; interval_no 0 is the total row.
CREATE OR REPLACE TABLE mart_cost_interval AS
WITH x AS (
  SELECT r.period, r.municipality, r.grp, i.interval_no, r.cost_minor
  FROM an_ranked r JOIN an_interval i
    ON r.cost_minor >= i.lower_minor AND (i.upper_minor IS NULL OR r.cost_minor < i.upper_minor)
), cells AS (
  SELECT period, municipality, grp, interval_no, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor,
    quantile_disc(cost_minor, 0.5)::BIGINT AS median_minor
  FROM x GROUP BY ALL
  UNION ALL
  SELECT period, municipality, grp, 0, count(*)::BIGINT, sum(cost_minor)::BIGINT,
    quantile_disc(cost_minor, 0.5)::BIGINT
  FROM x GROUP BY ALL
), grid AS (
  SELECT DISTINCT r.period, r.municipality, r.grp, i.interval_no
  FROM an_ranked r CROSS JOIN (SELECT interval_no FROM an_interval UNION ALL SELECT 0) i
)
SELECT g.period, g.municipality, g.grp, g.interval_no, i.lower_minor, i.upper_minor,
  coalesce(c.persons, 0) AS persons, coalesce(c.cost_minor, 0) AS cost_minor,
  CASE WHEN c.persons > 0 THEN ((2 * c.cost_minor::HUGEINT + c.persons) // (2 * c.persons))::BIGINT END AS mean_minor,
  c.median_minor
FROM grid g
LEFT JOIN cells c USING (period, municipality, grp, interval_no)
LEFT JOIN an_interval i ON i.interval_no = g.interval_no;

-- The headline table: persons aged ${age_from}–${age_to} with services, their cost, the top and bottom shares.
CREATE OR REPLACE TABLE mart_headline AS
WITH h AS (
  SELECT period, municipality, person_key, cost_minor,
    row_number() OVER (PARTITION BY period, municipality ORDER BY cost_minor, person_key) AS rn,
    count(*) OVER (PARTITION BY period, municipality) AS n
  FROM an_person WHERE in_scope AND age BETWEEN ${age_from} AND ${age_to}
), seg AS (
  SELECT period, municipality, 'all' AS segment, NULL::DOUBLE AS pct, person_key, cost_minor FROM h
  UNION ALL
  SELECT period, municipality, 'top', ${top_pct}, person_key, cost_minor FROM h
  WHERE rn > n - greatest(1, round(n * ${top_pct} / 100.0))
  UNION ALL
  SELECT period, municipality, 'bottom', ${bottom_pct}, person_key, cost_minor FROM h
  WHERE rn <= round(n * ${bottom_pct} / 100.0)
), inh AS (
  SELECT p.id AS period, po.municipality, sum(po.count)::BIGINT AS inhabitants
  FROM population po JOIN an_period p ON po.year = year(p.from_date)
  WHERE po.age BETWEEN ${age_from} AND ${age_to} GROUP BY ALL
), agg AS (
  SELECT period, municipality, segment, max(pct) AS pct, count(*)::BIGINT AS persons,
    sum(cost_minor)::BIGINT AS cost_minor
  FROM seg GROUP BY ALL
)
SELECT a.period, a.municipality, a.segment, a.pct, ${age_from} AS age_from, ${age_to} AS age_to,
  a.persons, a.cost_minor,
  a.persons::DOUBLE / t.persons::DOUBLE AS persons_share,
  CASE WHEN t.cost_minor = 0 THEN NULL ELSE a.cost_minor::DOUBLE / t.cost_minor::DOUBLE END AS cost_share,
  inh.inhabitants,
  CASE WHEN inh.inhabitants > 0 THEN a.persons::DOUBLE / inh.inhabitants::DOUBLE END AS inhabitant_share
FROM agg a
JOIN agg t ON t.period = a.period AND t.municipality = a.municipality AND t.segment = 'all'
LEFT JOIN inh ON inh.period = a.period AND inh.municipality = a.municipality;
