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
--   - { name: aged_in, kind: persons, label: { da: Ældet ind i gruppen, sv: Åldrats in i gruppen, en: Aged into the group } }
--   - { name: aged_out, kind: persons, label: { da: Ældet ud af gruppen, sv: Åldrats ut ur gruppen, en: Aged out of the group } }
-- persons: [ persons, aged_in, aged_out ]
-- dimensions:
--   - { column: age_group, total: "*" }
-- order: period, municipality, age_from
-- position: 170
-- ---
-- Consumption: mean cost per user and per inhabitant by age group (population of the period's first year).
-- A person's cost is counted at the age at the start of each year of service (cost_person.service_year): the
-- completed age on 1 January of that year, or at the period's start in its first year. In a period within one
-- calendar year that is the age of an_person. So in a period over several years one person may count in two
-- age groups (each with the cost of its years); the total row `*` counts each person once (Σ of the groups'
-- persons can exceed it, and suppression then treats the groups as not adding up). Rows without a year (kmf) take
-- the person's age of an_person. Born in the year: age 0; born after the period: unknown (in no group).
-- aged_in / aged_out: persons whose ages over the years straddle the group's lower / upper limit. A group
-- here differs from the same ages in a person-level mart (one age a person) by exactly their cost, so both
-- are persons columns: 1…threshold−1 of them hide the group, and that difference never rests on a few.
{{ replace_table(mart_consumption) }} AS
WITH py AS (
  -- periods over several calendar years: cost per person and year of service
  SELECT c.period, c.municipality, c.pid, c.service_year, sum(c.cost_minor)::BIGINT AS cost_minor
  FROM an_cost c JOIN an_period pr ON pr.id = c.period AND {{ year(pr.from_date) }} <> {{ year(pr.to_date) }}
  WHERE ${multi_year} AND c.in_scope GROUP BY c.period, c.municipality, c.pid, c.service_year
), aged0 AS (
  SELECT py.period, py.municipality, py.pid, py.service_year, py.cost_minor, ap.age AS person_age, pe.birth_year,
    pr.to_date,
    -- completed age on 1 January of the year (at the period's start in its first year), by birth year and month
    py.service_year - pe.birth_year
      - CASE WHEN (CASE WHEN py.service_year = {{ year(pr.from_date) }} THEN {{ month(pr.from_date) }} ELSE 1 END)
               < coalesce(pe.birth_month, 1) THEN 1 ELSE 0 END AS age_at
  FROM py JOIN an_person ap USING (period, municipality, pid)
  JOIN an_period pr ON pr.id = py.period
  LEFT JOIN person pe ON pe.person_key = ap.person_key
), p AS (
  SELECT period, municipality, pid, cost_minor,
    CASE WHEN service_year IS NULL THEN person_age WHEN age_at >= 0 THEN age_at
      WHEN birth_year <= {{ year(to_date) }} THEN 0 END AS age
  FROM aged0
), multi AS (
  -- one row per person and age group (a person's years in one group summed)
  SELECT p.period, p.municipality, p.pid, b.label AS age_group, b.lower, sum(p.cost_minor)::BIGINT AS cost_minor
  FROM p JOIN an_band b ON b.kind = 'consumption' AND b.label = ${consumption_group_of_age}
  GROUP BY p.period, p.municipality, p.pid, b.label, b.lower
), span AS (
  -- each person's youngest and oldest age over the years of the period (multi-year periods only)
  SELECT period, municipality, pid, min(age) AS min_age, max(age) AS max_age
  FROM p WHERE age IS NOT NULL GROUP BY period, municipality, pid
), crossed AS (
  SELECT s.period, s.municipality, b.label AS age_group,
    count(*) FILTER (WHERE s.min_age < b.lower AND s.max_age >= b.lower)::BIGINT AS aged_in,
    count(*) FILTER (WHERE b.upper IS NOT NULL AND s.min_age <= b.upper AND s.max_age > b.upper)::BIGINT AS aged_out
  FROM span s JOIN an_band b ON b.kind = 'consumption' AND s.min_age <= coalesce(b.upper, s.max_age) AND s.max_age >= b.lower
  GROUP BY s.period, s.municipality, b.label
), grouped AS (
  -- a period within one calendar year: the person's one age (an_person)
  SELECT p.period, p.municipality, p.pid, b.label AS age_group, b.lower, p.cost_minor
  FROM an_person p JOIN an_period pr ON pr.id = p.period AND {{ year(pr.from_date) }} = {{ year(pr.to_date) }}
  JOIN an_band b ON b.kind = 'consumption' AND b.label = ${consumption_group_of_age}
  WHERE p.in_scope
  UNION ALL
  SELECT * FROM multi
), users AS (
  SELECT period, municipality, age_group, lower, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
  FROM grouped GROUP BY period, municipality, age_group, lower
), everyone AS (
  -- the total counts each person once (in a period within one year the groups' persons add up to it)
  SELECT period, municipality, count(DISTINCT pid)::BIGINT AS persons FROM multi GROUP BY period, municipality
), inh AS (
  SELECT p.id AS period, po.municipality, b.label AS age_group, b.lower, sum(po.count)::BIGINT AS inhabitants
  FROM population po JOIN an_period p ON po.year = {{ year(p.from_date) }}
  JOIN an_band b ON b.kind = 'consumption' AND po.age >= b.lower AND (b.upper IS NULL OR po.age <= b.upper)
  GROUP BY p.id, po.municipality, b.label, b.lower
), cells AS (
  SELECT coalesce(u.period, i.period) AS period, coalesce(u.municipality, i.municipality) AS municipality,
    coalesce(u.age_group, i.age_group) AS age_group, coalesce(u.lower, i.lower) AS lower,
    coalesce(u.persons, 0) AS persons, coalesce(u.cost_minor, 0) AS cost_minor, i.inhabitants,
    coalesce(x.aged_in, 0) AS aged_in, coalesce(x.aged_out, 0) AS aged_out
  FROM users u FULL JOIN inh i USING (period, municipality, age_group)
  LEFT JOIN crossed x ON x.period = coalesce(u.period, i.period) AND x.municipality = coalesce(u.municipality, i.municipality)
    AND x.age_group = coalesce(u.age_group, i.age_group)
), withtot AS (
  SELECT * FROM cells
  UNION ALL
  SELECT c.period, c.municipality, '*', -1, coalesce(max(e.persons), sum(c.persons))::BIGINT, sum(c.cost_minor)::BIGINT,
    sum(c.inhabitants)::BIGINT, 0::BIGINT, 0::BIGINT
  FROM cells c LEFT JOIN everyone e USING (period, municipality) GROUP BY c.period, c.municipality
)
SELECT period, municipality, age_group, lower AS age_from, persons, cost_minor, inhabitants,
  CASE WHEN persons > 0 THEN CAST({{ intdiv(2 * cost_minor::{{ type(int128) }} + persons, 2 * persons) }} AS BIGINT) END AS per_user_minor,
  CASE WHEN inhabitants > 0 THEN CAST({{ intdiv(2 * cost_minor::{{ type(int128) }} + inhabitants, 2 * inhabitants) }} AS BIGINT) END
    AS per_inhabitant_minor,
  aged_in, aged_out
FROM withtot;
