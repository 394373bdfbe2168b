-- ---
-- title: { da: Snitflader mellem forvaltninger, sv: Överlapp mellan förvaltningar, en: Department overlaps }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: department_a, kind: key, label: { da: Forvaltning, sv: Förvaltning, en: Department } }
--   - { name: department_b, kind: key, label: { da: Også i, sv: Även i, en: Also in } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
-- persons: persons
-- # a department's own citizens (the diagonal) hold those it shares with each other department,
-- # and the department's citizens are a part of all citizens (mart_concentration's 'all')
-- ranked:
--   - { name: department, by: [ period, municipality, department_a ], persons: persons, side: { equal: [ department_a, department_b ], then: all, else: dearest } }
--   - { name: persons, by: [ period, municipality ], persons: persons, side: { equal: [ department_a, department_b ], then: dearest } }
-- order: period, municipality, department_a, department_b
-- position: 90
-- ---
-- Shared persons of two departments and their whole cost; the diagonal is the department's own persons.
{{ replace_table(mart_department_matrix) }} AS
WITH pd AS (SELECT * FROM an_pdept)
SELECT a.period, a.municipality, a.department AS department_a, b.department AS department_b,
  count(*)::BIGINT AS persons, sum(p.cost_minor)::BIGINT AS cost_minor
FROM pd a JOIN pd b USING (period, municipality, pid)
JOIN an_person p USING (period, municipality, pid)
GROUP BY a.period, a.municipality, a.department, b.department;
