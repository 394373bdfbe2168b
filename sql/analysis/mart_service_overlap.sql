-- ---
-- title: { da: Overlappende ydelser, sv: Överlappande insatser, en: Overlapping services }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: family, kind: key, label: { da: Ydelsesfamilie, sv: Insatsfamilj, en: Service family } }
--   - { name: measure, kind: key, label: { da: Mål, sv: Mått, en: Measure } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
-- persons: persons
-- # those with several kinds of a family's services are a part of those with any: keep both apart
-- ranked:
--   - { name: family, by: [ period, municipality, family ], persons: persons, side: { column: measure, values: { any: all, multiple: dearest } } }
-- order: period, municipality, family, measure
-- position: 130
-- ---
-- Overlapping services: persons with two or more services of the same family (e.g. training) in a period.
{{ replace_table(mart_service_overlap) }} AS
WITH pf AS (
  -- two or more different codes: the smallest and largest differ (cheaper than a distinct count)
  SELECT period, municipality, family, pid, CASE WHEN min(catalogue_code) <> max(catalogue_code) THEN 2 ELSE 1 END AS services,
    sum(cost_minor)::BIGINT AS cost_minor
  FROM an_cost WHERE in_scope AND family <> '?' GROUP BY period, municipality, family, pid
)
SELECT period, municipality, family, 'any' AS measure, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
FROM pf GROUP BY period, municipality, family
UNION ALL
SELECT period, municipality, family, 'multiple', count(*)::BIGINT, sum(cost_minor)::BIGINT
FROM pf WHERE services >= 2 GROUP BY period, municipality, family;
