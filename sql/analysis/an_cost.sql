-- Base of every mart: the rows of cost_person in the periods, with the person's integer id, the law, KPB area and
-- family of the service, and whether the row is in scope (analysis.sector). service_year: the calendar year of
-- the service (NULL when cost_person has none, e.g. the kmf rows); mart_consumption ages persons by it.
-- Persons are joined by an integer id (an_pid, made by the runner) rather than the 64-character key: faster.
{{ replace_temp_table(an_cost) }} AS
SELECT cp.period, cp.municipality, k.pid, cp.catalogue_code, cp.department, cp.sector, cp.law_ref,
  cp.volume, cp.cost_minor, ${service_year} AS service_year,
  CASE WHEN cat.law IS NOT NULL THEN cat.law
    ELSE coalesce(nullif(trim(regexp_replace(cp.law_ref, '§.*$', '')), ''), '?') END AS law,
  coalesce(cat.area, '?') AS area, coalesce(cat.family, '?') AS family,
  (cp.sector = 'regional') AS is_regional,
  (${scope_all} OR cp.sector <> 'regional') AS in_scope
FROM cost_person cp
JOIN an_period p ON p.id = cp.period
JOIN an_pid k ON k.person_key = cp.person_key
LEFT JOIN an_catalogue cat ON cat.code = cp.catalogue_code;
