-- Cost per person: kpb shares by largest remainder (ties by person_key), price × volume, record amounts.
-- A table: the largest-remainder window runs once, and the sums per intervention and the rows of cost_person
-- (year.sql) both read it. As a view read twice the window ran twice, which cost more than writing it (S demo:
-- 0.19 CPU s against 0.25).

{{ replace_temp_table(cost_work_person) }} AS
WITH k AS (
  SELECT v.period, v.municipality, v.person_key, v.catalogue_code, v.provider, v.department, v.sector, v.law_ref,
         v.method, v.unit, v.weight, t.total_minor, t.weight_total,
         t.total_minor::{{ type(int128) }} * v.weight AS a
  FROM cost_work_volume v
  JOIN cost_work_total t
    ON t.period = v.period AND t.municipality = v.municipality AND t.catalogue_code = v.catalogue_code
   AND t.provider = v.provider AND t.unit = v.unit
  WHERE v.method = 'kpb'
), f AS (
  SELECT *, cost_floordiv_big(a, weight_total) AS base FROM k
), r AS (
  SELECT *, total_minor - sum(base) OVER g AS leftover,
         row_number() OVER (g ORDER BY a - base * weight_total DESC, person_key NULLS LAST, department NULLS LAST,
                            sector, law_ref NULLS LAST) AS rank
  FROM f
  WINDOW g AS (PARTITION BY period, municipality, catalogue_code, provider)
)
SELECT period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, method, unit,
       weight, (base + CASE WHEN rank <= leftover THEN 1 ELSE 0 END)::BIGINT AS cost_minor
FROM r
UNION ALL
SELECT period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, method, unit,
       weight, cost_floordiv_big(price_weight + 5000000000, 10000000000)::BIGINT AS cost_minor
FROM cost_work_volume WHERE method = 'price'
UNION ALL
SELECT period, municipality, person_key, catalogue_code, provider, department, sector, law_ref, method, unit,
       weight, coalesce(record_minor, 0)::BIGINT AS cost_minor
FROM cost_work_volume WHERE method = 'record_amount';
