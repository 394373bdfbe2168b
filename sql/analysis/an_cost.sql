-- Base of every mart: the rows of cost_person in the periods, with the law, KPB area and family of the service,
-- and whether the row is in scope (analysis.sector). service_year: the calendar year of the service (NULL when
-- cost_person has none, e.g. the kmf rows); mart_consumption ages persons by it. method: how the row was priced
-- (mart_payer's basis). pid is the warehouse's integer person key (rows without one are left out).
{{ replace_temp_table(an_cost) }} AS
SELECT cp.period, cp.municipality, cp.person_key AS pid, cp.catalogue_code, cp.department, cp.sector, cp.law_ref,
  cp.method, cp.volume, cp.cost_minor, ${service_year} AS service_year,
  CASE WHEN cat.law IS NOT NULL THEN cat.law
    ELSE coalesce(nullif(trim(regexp_replace(cp.law_ref, '§.*$', '')), ''), '?') END AS law,
  coalesce(cat.area, '?') AS area, coalesce(cat.family, '?') AS family,
  (cp.sector = 'regional') AS is_regional,
  (${scope_all} OR cp.sector <> 'regional') AS in_scope
FROM cost_person cp
JOIN an_period p ON p.id = cp.period
LEFT JOIN an_catalogue cat ON cat.code = cp.catalogue_code
WHERE cp.person_key IS NOT NULL;
