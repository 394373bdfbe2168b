-- ---
-- title: { da: Brugermix (KPB), sv: Brukarmix (KPB), en: User mix (KPB) }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: area, kind: key, label: { da: Område, sv: Område, en: Area } }
--   - { name: interval_no, kind: key, label: { da: Interval nr., sv: Intervall nr, en: Interval no. } }
--   - { name: lower_minor, kind: bound, label: { da: Fra (kr.), sv: Från (kr), en: From } }
--   - { name: upper_minor, kind: bound, label: { da: Under (kr.), sv: Under (kr), en: Below } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: persons_share, kind: share, label: { da: Andel af borgerne, sv: Andel av personerna, en: Share of citizens } }
-- persons: persons
-- dimensions:
--   - { column: interval_no, total: 0 }
-- order: period, municipality, area, interval_no
-- position: 140
-- ---
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
