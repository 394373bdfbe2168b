-- ---
-- title: { da: Ressourcetunge borgere, sv: Resurskrävande personer, en: Resource-heavy citizens }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: dimension, kind: key, label: { da: Opdeling, sv: Indelning, en: Breakdown } }
--   - { name: value, kind: key, label: { da: Værdi, sv: Värde, en: Value } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: persons_share, kind: share, label: { da: Andel af borgerne, sv: Andel av personerna, en: Share of citizens } }
--   - { name: cost_share, kind: share, label: { da: Andel af udgiften, sv: Andel av kostnaden, en: Share of cost } }
-- persons: persons
-- dimensions:
--   - { column: value, total: "*" }
-- order: period, municipality, dimension, cost_minor DESC, value
-- position: 60
-- ---
-- Person dimensions split persons (and their whole cost); service dimensions split the cost of the services.
{{ replace_table(mart_heavy) }} AS
WITH person_dims AS (
  SELECT period, municipality, d.dimension, d.value, pid, cost_minor
  FROM an_heavy,
  LATERAL (VALUES ('target_group', target_group), ('benefit_status', benefit_status), ('housing', housing),
    ('chronic_condition', chronic_condition), ('age_band', age_band), ('sex', sex)) d(dimension, value)
), service_dims AS (
  SELECT c.period, c.municipality, d.dimension, d.value, c.pid, c.cost_minor
  FROM an_cost c JOIN an_heavy h USING (period, municipality, pid),
  LATERAL (VALUES ('law', coalesce(c.law_ref, '?')), ('service', coalesce(c.catalogue_code, '?')),
    ('department', coalesce(c.department, '?'))) d(dimension, value)
  WHERE c.in_scope
), cells AS (
  SELECT period, municipality, dimension, value, count(DISTINCT pid)::BIGINT AS persons,
    sum(cost_minor)::BIGINT AS cost_minor
  FROM (SELECT * FROM person_dims UNION ALL SELECT * FROM service_dims) pd GROUP BY period, municipality, dimension, value
), totals AS (
  SELECT period, municipality, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor FROM an_heavy GROUP BY period, municipality
)
SELECT c.period, c.municipality, c.dimension, c.value, c.persons, c.cost_minor,
  c.persons::{{ type(double) }} / t.persons::{{ type(double) }} AS persons_share,
  CASE WHEN t.cost_minor = 0 THEN NULL ELSE c.cost_minor::{{ type(double) }} / t.cost_minor::{{ type(double) }} END AS cost_share
FROM cells c JOIN totals t USING (period, municipality)
UNION ALL
SELECT period, municipality, d.dimension, '*', persons, cost_minor, 1.0, 1.0
FROM totals CROSS JOIN (VALUES ('target_group'), ('benefit_status'), ('housing'), ('chronic_condition'),
  ('age_band'), ('sex'), ('law'), ('service'), ('department')) d(dimension);
