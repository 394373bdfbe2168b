-- ---
-- title: { da: Ydelser pr. kvadrant, sv: Insatser per kvadrant, en: Services by quadrant }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: quadrant, kind: key, label: { da: Kvadrant, sv: Kvadrant, en: Quadrant } }
--   - { name: catalogue_code, kind: key, label: { da: Ydelse, sv: Insats, en: Service } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
-- persons: persons
-- # a service's cost over the quadrants, and a quadrant's over its services, are known elsewhere
-- # (key figures, unit costs, mart_quadrant): protect both sums though the table has no total rows
-- dimensions:
--   - { column: quadrant, total: "*", known: true }
--   - { column: catalogue_code, total: "*", known: true }
-- order: period, municipality, quadrant, cost_minor DESC, catalogue_code
-- position: 120
-- ---
-- The services that characterise each quadrant (ranked by cost within it).
{{ replace_table(mart_quadrant_service) }} AS
WITH pc AS (
  -- one row per person and service, so the quadrants count persons with count(*)
  SELECT period, municipality, pid, coalesce(catalogue_code, '?') AS catalogue_code, sum(cost_minor) AS cost_minor
  FROM an_cost GROUP BY period, municipality, pid, coalesce(catalogue_code, '?')
)
SELECT c.period, c.municipality, q.quadrant, c.catalogue_code, count(*)::BIGINT AS persons,
  sum(c.cost_minor)::BIGINT AS cost_minor
FROM pc c JOIN an_quadrant q ON q.period = c.period AND q.municipality = c.municipality AND q.pid = c.pid
GROUP BY c.period, c.municipality, q.quadrant, c.catalogue_code;
