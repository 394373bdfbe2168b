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
