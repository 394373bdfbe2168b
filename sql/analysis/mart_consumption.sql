-- ---
-- title: { da: Forbrug efter alder, sv: Konsumtion efter ålder, en: Consumption by age }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: age_group, kind: key, label: { da: Aldersgruppe, sv: Åldersgrupp, en: Age group } }
--   - { name: age_from, kind: number, label: { da: Alder fra, sv: Ålder från, en: Age from } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: inhabitants, kind: count, label: { da: Indbyggere, sv: Invånare, en: Inhabitants } }
--   - { name: per_user_minor, kind: mean, label: { da: Pr. bruger (kr.), sv: Per brukare (kr), en: Per user } }
--   - { name: per_inhabitant_minor, kind: mean, label: { da: Pr. indbygger (kr.), sv: Per invånare (kr), en: Per inhabitant } }
-- persons: persons
-- dimensions:
--   - { column: age_group, total: "*" }
-- order: period, municipality, age_from
-- position: 170
-- ---
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
