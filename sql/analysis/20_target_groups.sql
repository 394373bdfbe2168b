-- Resource-heavy persons (cost ≥ the heavy threshold, aged ${heavy_age_from}–${heavy_age_to} as in Aalborg's target-group
-- analysis): who they are, which laws, services and departments.
{{ replace_temp_table(an_heavy) }} AS
SELECT * FROM an_person
WHERE in_scope AND cost_minor >= ${heavy_minor} AND age BETWEEN ${heavy_age_from} AND ${heavy_age_to};

-- Person dimensions split persons (and their whole cost); service dimensions split the cost of the services.
{{ replace_table(mart_heavy) }} AS
WITH person_dims AS (
  SELECT period, municipality, d.dimension, d.value, pid, cost_minor
  FROM an_heavy,
  LATERAL (VALUES ('target_group', target_group), ('benefit_status', benefit_status), ('housing', housing),
    ('chronic_condition', chronic_condition), ('age_band', age_band), ('sex', sex)) d(dimension, value)
), service_dims AS (
  SELECT c.period, c.municipality, d.dimension, d.value, c.pid, c.cost_minor
  FROM an_cost c JOIN an_heavy h USING (period, municipality, pid),
  LATERAL (VALUES ('law', coalesce(c.law_ref, '?')), ('service', coalesce(c.catalogue_code, '?')),
    ('department', coalesce(c.department, '?'))) d(dimension, value)
  WHERE c.in_scope
), cells AS (
  SELECT period, municipality, dimension, value, count(DISTINCT pid)::BIGINT AS persons,
    sum(cost_minor)::BIGINT AS cost_minor
  FROM (SELECT * FROM person_dims UNION ALL SELECT * FROM service_dims) pd GROUP BY period, municipality, dimension, value
), totals AS (
  SELECT period, municipality, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor FROM an_heavy GROUP BY period, municipality
)
SELECT c.period, c.municipality, c.dimension, c.value, c.persons, c.cost_minor,
  c.persons::{{ type(double) }} / t.persons::{{ type(double) }} AS persons_share,
  CASE WHEN t.cost_minor = 0 THEN NULL ELSE c.cost_minor::{{ type(double) }} / t.cost_minor::{{ type(double) }} END AS cost_share
FROM cells c JOIN totals t USING (period, municipality)
UNION ALL
SELECT period, municipality, d.dimension, '*', persons, cost_minor, 1.0, 1.0
FROM totals CROSS JOIN (VALUES ('target_group'), ('benefit_status'), ('housing'), ('chronic_condition'),
  ('age_band'), ('sex'), ('law'), ('service'), ('department')) d(dimension);

-- Cost intervals × law (and × target group) for the same ages: how the mix changes as the cost falls.
{{ replace_table(mart_interval_mix) }} AS
WITH pi AS (
  SELECT *, ${interval_of_cost} AS interval_no FROM an_person
  WHERE in_scope AND age BETWEEN ${heavy_age_from} AND ${heavy_age_to}
), pl AS (
  -- one row per person and law first, so persons are counted without a distinct aggregate
  SELECT period, municipality, pid, law, sum(cost_minor)::BIGINT AS cost_minor
  FROM an_cost WHERE in_scope GROUP BY period, municipality, pid, law
), law AS (
  SELECT pi.period, pi.municipality, pi.interval_no, 'law' AS dimension, pl.law AS value,
    count(*)::BIGINT AS persons, sum(pl.cost_minor)::BIGINT AS cost_minor
  FROM pl JOIN pi USING (period, municipality, pid) GROUP BY pi.period, pi.municipality, pi.interval_no, pl.law
), tg AS (
  SELECT period, municipality, interval_no, 'target_group', target_group, count(*)::BIGINT, sum(cost_minor)::BIGINT
  FROM pi GROUP BY period, municipality, interval_no, target_group
), tot AS (
  SELECT period, municipality, interval_no, d.dimension, '*', count(*)::BIGINT, sum(cost_minor)::BIGINT
  FROM pi CROSS JOIN (VALUES ('law'), ('target_group')) d(dimension) GROUP BY period, municipality, interval_no, d.dimension
)
SELECT * FROM law UNION ALL SELECT * FROM tg UNION ALL SELECT * FROM tot;
