-- ---
-- title: { da: Ekstreme forløb (KPB), sv: Ytterfall (KPB), en: Outliers (KPB) }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: area, kind: key, label: { da: Område, sv: Område, en: Area } }
--   - { name: segment, kind: key, label: { da: Gruppe, sv: Grupp, en: Group } }
--   - { name: threshold_minor, kind: money, label: { da: Grænse (kr.), sv: Gräns (kr), en: Threshold } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: persons_share, kind: share, label: { da: Andel af borgerne, sv: Andel av personerna, en: Share of citizens } }
--   - { name: cost_share, kind: share, label: { da: Andel af udgiften, sv: Andel av kostnaden, en: Share of cost } }
-- persons: persons
-- # the outliers are the dearest of the area's users
-- ranked:
--   - { name: area, by: [ period, municipality, area ], persons: persons, side: { column: segment, values: { all: all, outlier: dearest } } }
-- order: period, municipality, area, segment
-- position: 150
-- ---
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
