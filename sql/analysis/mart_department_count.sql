-- ---
-- title: { da: Antal forvaltninger pr. borger, sv: Antal förvaltningar per person, en: Departments per citizen }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: departments, kind: key, label: { da: Forvaltninger, sv: Förvaltningar, en: Departments } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
-- persons: persons
-- dimensions:
--   - { column: departments, total: "*" }
-- order: period, municipality, departments
-- position: 80
-- ---
-- Overlaps between departments (snitflader): 1/2/3+ departments, the department × department matrix.
{{ replace_table(mart_department_count) }} AS
WITH p AS (
  SELECT period, municipality, CASE WHEN departments >= 3 THEN '3+' ELSE departments::VARCHAR END AS departments,
    cost_minor
  FROM an_person WHERE in_scope AND departments > 0
)
SELECT period, municipality, departments, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
FROM p GROUP BY period, municipality, departments
UNION ALL
SELECT period, municipality, '*', count(*)::BIGINT, sum(cost_minor)::BIGINT FROM p GROUP BY period, municipality;
