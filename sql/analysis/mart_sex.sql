-- ---
-- title: { da: Borgere og udgift efter køn, sv: Personer och kostnad efter kön, en: Citizens and cost by sex }
-- reading:
--   da: Borgere med ydelser og deres samlede udgift fordelt på køn, og hvor stor en del af udgiften hvert køn står for.
--   sv: Personer med insatser och deras samlade kostnad fördelat på kön, och hur stor del av kostnaden varje kön står för.
--   en: Citizens with services and their total cost by sex, and the share of the cost each sex accounts for.
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: sex, kind: key, label: { da: Køn, sv: Kön, en: Sex } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: cost_share, kind: share, label: { da: Andel af udgiften, sv: Andel av kostnaden, en: Share of cost } }
-- persons: persons
-- # the sexes add up to everyone ('*'), which is mart_concentration's 'all' row
-- dimensions:
--   - { column: sex, total: "*" }
-- order: period, municipality, sex
-- report: generic
-- panel: { page: overview, chart: bar, x: sex, y: [cost_minor, persons], exclude: { sex: ["*"] } }
-- ---
-- Persons in scope by sex: persons, cost and the share of the period's cost; '*' is everyone.
{{ replace_table(mart_sex) }} AS
WITH s AS (
  SELECT period, municipality, sex, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
  FROM an_person WHERE in_scope GROUP BY period, municipality, sex
), t AS (
  SELECT period, municipality, '*' AS sex, sum(persons)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
  FROM s GROUP BY period, municipality
), u AS (
  SELECT period, municipality, sex, persons, cost_minor FROM s
  UNION ALL
  SELECT period, municipality, sex, persons, cost_minor FROM t
)
SELECT u.period, u.municipality, u.sex, u.persons, u.cost_minor,
  CASE WHEN t.cost_minor = 0 THEN NULL ELSE u.cost_minor::{{ type(double) }} / t.cost_minor::{{ type(double) }} END AS cost_share
FROM u JOIN t USING (period, municipality);
