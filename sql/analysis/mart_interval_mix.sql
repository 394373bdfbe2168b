-- ---
-- title: { da: Lov og målgruppe pr. interval, sv: Lag och målgrupp per intervall, en: Law and target group by interval }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: interval_no, kind: key, label: { da: Interval nr., sv: Intervall nr, en: Interval no. } }
--   - { name: dimension, kind: key, label: { da: Opdeling, sv: Indelning, en: Breakdown } }
--   - { name: value, kind: key, label: { da: Værdi, sv: Värde, en: Value } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
-- persons: persons
-- dimensions:
--   - { column: value, total: "*" }
-- order: period, municipality, dimension, interval_no, value
-- position: 70
-- ---
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
