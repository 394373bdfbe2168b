-- Concentration: Gini, top shares, Lorenz points, cost intervals and the headline table (BRIEF §1.1).
{{ replace_table(mart_concentration) }} AS
SELECT period, municipality, grp, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor,
  CASE WHEN sum(cost_minor) = 0 THEN NULL
    ELSE (2.0 * sum(rn::{{ type(int128) }} * cost_minor)::{{ type(double) }}) / (count(*)::{{ type(double) }} * sum(cost_minor)::{{ type(double) }})
      - (count(*) + 1)::{{ type(double) }} / count(*)::{{ type(double) }} END AS gini
FROM an_ranked GROUP BY period, municipality, grp;

-- Top x %: the round(n·x/100) (at least 1) most expensive persons = the total minus the cheapest n − k.
{{ replace_table(mart_top_share) }} AS
WITH k AS (
  SELECT c.period, c.municipality, c.grp, c.persons AS n, c.cost_minor AS total, t.pct,
    least(c.persons, greatest(1, round(c.persons * t.pct / 100.0)))::BIGINT AS k
  FROM mart_concentration c CROSS JOIN an_top_pct t
)
SELECT k.period, k.municipality, k.grp, k.pct, k.k AS persons,
  (k.total - coalesce(r.cum_minor, 0))::BIGINT AS cost_minor,
  CASE WHEN k.total = 0 THEN NULL ELSE (k.total - coalesce(r.cum_minor, 0))::{{ type(double) }} / k.total::{{ type(double) }} END AS share
FROM k LEFT JOIN an_ranked r
  ON r.period = k.period AND r.municipality = k.municipality AND r.grp = k.grp AND r.rn = k.n - k.k;

-- Lorenz: the cumulative cost share of the cheapest 0, 5, …, 100 % of persons.
{{ replace_table(mart_lorenz) }} AS
WITH pts AS (
  SELECT c.period, c.municipality, c.grp, c.cost_minor AS total, q.point,
    round(c.persons * q.point / 20.0)::BIGINT AS k
  FROM mart_concentration c CROSS JOIN (SELECT point FROM generate_series(0, 20) AS s(point)) q
), pt AS (
  SELECT pts.*, coalesce(r.cum_minor, 0)::BIGINT AS cost_cum_minor
  FROM pts LEFT JOIN an_ranked r ON r.period = pts.period AND r.municipality = pts.municipality
    AND r.grp = pts.grp AND r.rn = pts.k
)
SELECT period, municipality, grp, point::INTEGER AS point, point / 20.0 AS person_share, k AS persons_cum,
  cost_cum_minor,
  CASE WHEN total = 0 THEN NULL ELSE cost_cum_minor::{{ type(double) }} / total::{{ type(double) }} END AS cost_share
FROM pt;

-- Cost intervals: persons, cost, mean and (lower) median per interval; interval_no 0 is the total row.
{{ replace_table(mart_cost_interval) }} AS
WITH x AS (
  SELECT period, municipality, grp, ${interval_of_cost} AS interval_no, cost_minor FROM an_ranked
), cells AS (
  SELECT period, municipality, grp, interval_no, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY cost_minor)::BIGINT AS median_minor
  FROM x GROUP BY period, municipality, grp, interval_no
  UNION ALL
  SELECT period, municipality, grp, 0, count(*)::BIGINT, sum(cost_minor)::BIGINT,
    percentile_disc(0.5) WITHIN GROUP (ORDER BY cost_minor)::BIGINT
  FROM x GROUP BY period, municipality, grp
), grid AS (
  SELECT c.period, c.municipality, c.grp, i.interval_no
  FROM mart_concentration c CROSS JOIN (SELECT interval_no FROM an_interval UNION ALL SELECT 0) i
)
SELECT g.period, g.municipality, g.grp, g.interval_no, i.lower_minor, i.upper_minor,
  coalesce(c.persons, 0) AS persons, coalesce(c.cost_minor, 0) AS cost_minor,
  CASE WHEN c.persons > 0 THEN CAST({{ intdiv(2 * c.cost_minor::{{ type(int128) }} + c.persons, 2 * c.persons) }} AS BIGINT) END AS mean_minor,
  c.median_minor
FROM grid g
LEFT JOIN cells c USING (period, municipality, grp, interval_no)
LEFT JOIN an_interval i ON i.interval_no = g.interval_no;

-- The headline table: persons aged ${age_from}–${age_to} with services, their cost, the top and bottom shares.
{{ replace_table(mart_headline) }} AS
WITH h AS (
  SELECT period, municipality, cost_minor,
    row_number() OVER (PARTITION BY period, municipality ORDER BY cost_minor) AS rn,
    sum(cost_minor) OVER (PARTITION BY period, municipality ORDER BY cost_minor
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)::{{ type(int128) }} AS cum_minor
  FROM an_person WHERE in_scope AND age BETWEEN ${age_from} AND ${age_to}
), tot AS (
  SELECT period, municipality, count(*)::BIGINT AS n, sum(cost_minor)::BIGINT AS total,
    least(count(*), greatest(1, round(count(*) * ${top_pct} / 100.0)))::BIGINT AS k_top,
    round(count(*) * ${bottom_pct} / 100.0)::BIGINT AS k_bottom
  FROM h GROUP BY period, municipality
), agg AS (
  SELECT period, municipality, 'all' AS segment, NULL::{{ type(double) }} AS pct, n AS persons, total AS cost_minor FROM tot
  UNION ALL
  SELECT t.period, t.municipality, 'top', ${top_pct}, t.k_top, (t.total - coalesce(h.cum_minor, 0))::BIGINT
  FROM tot t LEFT JOIN h ON h.period = t.period AND h.municipality = t.municipality AND h.rn = t.n - t.k_top
  UNION ALL
  SELECT t.period, t.municipality, 'bottom', ${bottom_pct}, t.k_bottom, coalesce(h.cum_minor, 0)::BIGINT
  FROM tot t LEFT JOIN h ON h.period = t.period AND h.municipality = t.municipality AND h.rn = t.k_bottom
), inh AS (
  SELECT p.id AS period, po.municipality, sum(po.count)::BIGINT AS inhabitants
  FROM population po JOIN an_period p ON po.year = {{ year(p.from_date) }}
  WHERE po.age BETWEEN ${age_from} AND ${age_to} GROUP BY p.id, po.municipality
)
SELECT a.period, a.municipality, a.segment, a.pct, ${age_from} AS age_from, ${age_to} AS age_to,
  a.persons, a.cost_minor,
  CASE WHEN t.n > 0 THEN a.persons::{{ type(double) }} / t.n::{{ type(double) }} END AS persons_share,
  CASE WHEN t.total = 0 THEN NULL ELSE a.cost_minor::{{ type(double) }} / t.total::{{ type(double) }} END AS cost_share,
  inh.inhabitants,
  CASE WHEN inh.inhabitants > 0 THEN a.persons::{{ type(double) }} / inh.inhabitants::{{ type(double) }} END AS inhabitant_share
FROM agg a
JOIN tot t USING (period, municipality)
LEFT JOIN inh ON inh.period = a.period AND inh.municipality = a.municipality;
