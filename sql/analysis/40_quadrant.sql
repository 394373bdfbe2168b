-- Municipal × regional quadrant: persons expensive or cheap in each sector (BRIEF §1.1: few are both).
{{ replace_temp_table(an_quadrant_threshold) }} AS
SELECT period, municipality,
  coalesce(${municipal_threshold}, 0)::BIGINT AS municipal_threshold_minor,
  coalesce(${regional_threshold}, 0)::BIGINT AS regional_threshold_minor
FROM an_person GROUP BY period, municipality;

{{ replace_temp_view(an_quadrant) }} AS
SELECT p.pid, p.period, p.municipality, p.municipal_minor, p.regional_minor, p.age,
  th.municipal_threshold_minor, th.regional_threshold_minor,
  CASE WHEN p.municipal_minor > 0 AND p.municipal_minor >= th.municipal_threshold_minor THEN 'high' ELSE 'low' END
  || '_' ||
  CASE WHEN p.regional_minor > 0 AND p.regional_minor >= th.regional_threshold_minor THEN 'high' ELSE 'low' END
    AS quadrant
FROM an_person p JOIN an_quadrant_threshold th USING (period, municipality);

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

-- The services that characterise each quadrant (ranked by cost within it).
{{ replace_table(mart_quadrant_service) }} AS
SELECT c.period, c.municipality, q.quadrant, coalesce(c.catalogue_code, '?') AS catalogue_code,
  count(DISTINCT c.pid)::BIGINT AS persons, sum(c.cost_minor)::BIGINT AS cost_minor
FROM an_cost c JOIN an_quadrant q USING (period, municipality, pid)
GROUP BY c.period, c.municipality, q.quadrant, coalesce(c.catalogue_code, '?');
