-- ---
-- title: { da: Kommunalt × regionalt, sv: Kommunalt × regionalt, en: Municipal × regional }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: quadrant, kind: key, label: { da: Kvadrant, sv: Kvadrant, en: Quadrant } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: municipal_minor, kind: money, label: { da: Kommunal udgift, sv: Kommunal kostnad, en: Municipal cost } }
--   - { name: regional_minor, kind: money, label: { da: Regional udgift, sv: Regional kostnad, en: Regional cost } }
--   - { name: mean_age, kind: number, label: { da: Gns. alder, sv: Medelålder, en: Mean age } }
--   - { name: municipal_threshold_minor, kind: money, label: { da: Grænse kommunalt, sv: Gräns kommunalt, en: Municipal threshold } }
--   - { name: regional_threshold_minor, kind: money, label: { da: Grænse regionalt, sv: Gräns regionalt, en: Regional threshold } }
-- persons: persons
-- dimensions:
--   - { column: quadrant, total: "*" }
-- order: period, municipality, quadrant
-- position: 110
-- ---
{{ replace_table(mart_quadrant) }} AS
WITH q AS (
  SELECT period, municipality, quadrant, count(*)::BIGINT AS persons,
    sum(municipal_minor)::BIGINT AS municipal_minor, sum(regional_minor)::BIGINT AS regional_minor,
    avg(age) AS mean_age, max(municipal_threshold_minor) AS municipal_threshold_minor,
    max(regional_threshold_minor) AS regional_threshold_minor
  FROM an_quadrant GROUP BY period, municipality, quadrant
)
SELECT * FROM q
UNION ALL
SELECT period, municipality, '*', sum(persons)::BIGINT, sum(municipal_minor)::BIGINT, sum(regional_minor)::BIGINT,
  NULL, max(municipal_threshold_minor), max(regional_threshold_minor)
FROM q GROUP BY period, municipality;
