-- ---
-- title: { da: Udgiftsintervaller, sv: Kostnadsintervall, en: Cost intervals }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: grp, kind: key, label: { da: Alder, sv: Ålder, en: Age } }
--   - { name: interval_no, kind: key, label: { da: Interval nr., sv: Intervall nr, en: Interval no. } }
--   - { name: lower_minor, kind: bound, label: { da: Fra (kr.), sv: Från (kr), en: From } }
--   - { name: upper_minor, kind: bound, label: { da: Under (kr.), sv: Under (kr), en: Below } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: mean_minor, kind: mean, label: { da: Gennemsnit (kr.), sv: Medel (kr), en: Mean } }
--   - { name: median_minor, kind: mean, label: { da: Median (kr.), sv: Median (kr), en: Median } }
-- persons: persons
-- members: { lower: lower_minor, upper: upper_minor }
-- dimensions:
--   - { column: interval_no, total: 0 }
--   - { column: grp, total: all }
-- order: period, municipality, grp, interval_no
-- position: 50
-- ---
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
