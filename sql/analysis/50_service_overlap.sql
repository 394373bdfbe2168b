-- Overlapping services: persons with two or more services of the same family (e.g. training) in a period.
CREATE OR REPLACE TABLE mart_service_overlap AS
WITH pf AS (
  SELECT period, municipality, family, person_key, count(DISTINCT catalogue_code) AS services,
    sum(cost_minor)::BIGINT AS cost_minor
  FROM an_cost WHERE in_scope AND family <> '?' GROUP BY ALL
)
SELECT period, municipality, family, 'any' AS measure, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
FROM pf GROUP BY ALL
UNION ALL
SELECT period, municipality, family, 'multiple', count(*)::BIGINT, sum(cost_minor)::BIGINT
FROM pf WHERE services >= 2 GROUP BY ALL;
