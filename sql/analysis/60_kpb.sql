-- KPB analyses (BRIEF §1.4): user mix and outliers per area, unit costs, consumption by age, cost per result.
{{ replace_temp_table(an_area_user) }} AS
SELECT c.period, c.municipality, c.area, c.pid, sum(c.cost_minor)::BIGINT AS cost_minor
FROM an_cost c JOIN an_user_mix_area a ON a.area = c.area
GROUP BY c.period, c.municipality, c.area, c.pid;

{{ replace_table(mart_user_mix) }} AS
WITH cells AS (
  SELECT period, municipality, area, ${interval_of_cost} AS interval_no, count(*)::BIGINT AS persons,
    sum(cost_minor)::BIGINT AS cost_minor
  FROM an_area_user GROUP BY period, municipality, area, interval_no
), tot AS (
  SELECT period, municipality, area, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
  FROM an_area_user GROUP BY period, municipality, area
), grid AS (
  SELECT t.period, t.municipality, t.area, i.interval_no, i.lower_minor, i.upper_minor FROM tot t CROSS JOIN an_interval i
)
SELECT g.period, g.municipality, g.area, g.interval_no, g.lower_minor, g.upper_minor,
  coalesce(c.persons, 0) AS persons, coalesce(c.cost_minor, 0) AS cost_minor,
  coalesce(c.persons, 0)::{{ type(double) }} / t.persons::{{ type(double) }} AS persons_share
FROM grid g JOIN tot t USING (period, municipality, area)
LEFT JOIN cells c USING (period, municipality, area, interval_no)
UNION ALL
SELECT period, municipality, area, 0, NULL, NULL, persons, cost_minor, 1.0 FROM tot;

-- Outliers (ytterfall) by the configured rule: ${outlier_rule}.
{{ replace_table(mart_outlier) }} AS
WITH th AS (
  SELECT period, municipality, area, (${outlier_threshold})::BIGINT AS threshold_minor,
    count(*)::BIGINT AS all_persons, sum(cost_minor)::BIGINT AS all_cost_minor
  FROM an_area_user GROUP BY period, municipality, area
), o AS (
  SELECT u.period, u.municipality, u.area, count(*)::BIGINT AS persons, sum(u.cost_minor)::BIGINT AS cost_minor
  FROM an_area_user u JOIN th USING (period, municipality, area)
  WHERE u.cost_minor >= th.threshold_minor GROUP BY u.period, u.municipality, u.area
)
SELECT th.period, th.municipality, th.area, s.segment, th.threshold_minor,
  CASE s.segment WHEN 'all' THEN th.all_persons ELSE coalesce(o.persons, 0) END AS persons,
  CASE s.segment WHEN 'all' THEN th.all_cost_minor ELSE coalesce(o.cost_minor, 0) END AS cost_minor,
  CASE s.segment WHEN 'all' THEN 1.0 ELSE coalesce(o.persons, 0)::{{ type(double) }} / th.all_persons END AS persons_share,
  CASE WHEN th.all_cost_minor = 0 THEN NULL WHEN s.segment = 'all' THEN 1.0
    ELSE coalesce(o.cost_minor, 0)::{{ type(double) }} / th.all_cost_minor END AS cost_share
FROM th CROSS JOIN (VALUES ('all'), ('outlier')) s(segment)
LEFT JOIN o USING (period, municipality, area);

-- Productivity: unit cost per intervention and provider (own / external) with the direct / administration /
-- other common split.
{{ replace_table(mart_unit_cost) }} AS
SELECT u.period, u.municipality, u.catalogue_code, ${unit_cost_provider} AS provider, u.unit, u.volume, u.direct_minor, u.admin_minor,
  u.other_common_minor, u.total_minor, u.unit_cost_minor, coalesce(u.persons, 0)::BIGINT AS persons,
  CASE WHEN u.volume > 0 THEN u.direct_minor / u.volume END::DECIMAL(18, 4) AS direct_per_unit_minor,
  CASE WHEN u.volume > 0 THEN u.admin_minor / u.volume END::DECIMAL(18, 4) AS admin_per_unit_minor,
  CASE WHEN u.volume > 0 THEN u.other_common_minor / u.volume END::DECIMAL(18, 4) AS other_per_unit_minor
FROM cost_unit u JOIN an_period p ON p.id = u.period;

-- Consumption: mean cost per user and per inhabitant by age group (population of the period's first year).
{{ replace_table(mart_consumption) }} AS
WITH users AS (
  SELECT p.period, p.municipality, b.label AS age_group, b.lower, count(*)::BIGINT AS persons,
    sum(p.cost_minor)::BIGINT AS cost_minor
  FROM an_person p JOIN an_band b ON b.kind = 'consumption' AND b.label = ${consumption_group_of_age}
  WHERE p.in_scope GROUP BY p.period, p.municipality, b.label, b.lower
), inh AS (
  SELECT p.id AS period, po.municipality, b.label AS age_group, b.lower, sum(po.count)::BIGINT AS inhabitants
  FROM population po JOIN an_period p ON po.year = {{ year(p.from_date) }}
  JOIN an_band b ON b.kind = 'consumption' AND po.age >= b.lower AND (b.upper IS NULL OR po.age <= b.upper)
  GROUP BY p.id, po.municipality, b.label, b.lower
), cells AS (
  SELECT coalesce(u.period, i.period) AS period, coalesce(u.municipality, i.municipality) AS municipality,
    coalesce(u.age_group, i.age_group) AS age_group, coalesce(u.lower, i.lower) AS lower,
    coalesce(u.persons, 0) AS persons, coalesce(u.cost_minor, 0) AS cost_minor, i.inhabitants
  FROM users u FULL JOIN inh i USING (period, municipality, age_group)
), withtot AS (
  SELECT * FROM cells
  UNION ALL
  SELECT period, municipality, '*', -1, sum(persons)::BIGINT, sum(cost_minor)::BIGINT, sum(inhabitants)::BIGINT
  FROM cells GROUP BY period, municipality
)
SELECT period, municipality, age_group, lower AS age_from, persons, cost_minor, inhabitants,
  CASE WHEN persons > 0 THEN CAST({{ intdiv(2 * cost_minor::{{ type(int128) }} + persons, 2 * persons) }} AS BIGINT) END AS per_user_minor,
  CASE WHEN inhabitants > 0 THEN CAST({{ intdiv(2 * cost_minor::{{ type(int128) }} + inhabitants, 2 * inhabitants) }} AS BIGINT) END
    AS per_inhabitant_minor
FROM withtot;

-- Results: the cost of the measured services set against their users who reached the result.
{{ replace_table(mart_result) }} AS
WITH used AS (
  SELECT DISTINCT c.period, c.municipality, r.result_id, c.pid, c.catalogue_code, c.cost_minor
  FROM an_cost c JOIN an_result_code r ON c.catalogue_code LIKE r.pattern
), cost AS (
  SELECT period, municipality, result_id, count(DISTINCT pid)::BIGINT AS users,
    sum(cost_minor)::BIGINT AS cost_minor
  FROM used GROUP BY period, municipality, result_id
), res AS (
  SELECT m.period, m.municipality, m.result_id, count(DISTINCT m.pid)::BIGINT AS persons
  FROM an_result_member m
  JOIN (SELECT DISTINCT period, municipality, result_id, pid FROM used) u USING (period, municipality, result_id, pid)
  GROUP BY m.period, m.municipality, m.result_id
)
SELECT c.period, c.municipality, c.result_id, coalesce(r.persons, 0) AS persons, c.users, c.cost_minor,
  CASE WHEN r.persons > 0 THEN CAST({{ intdiv(2 * c.cost_minor::{{ type(int128) }} + r.persons, 2 * r.persons) }} AS BIGINT) END
    AS cost_per_result_minor
FROM cost c LEFT JOIN res r USING (period, municipality, result_id);
