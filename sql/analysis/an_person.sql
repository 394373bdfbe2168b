{{ replace_temp_table(an_person) }} AS
WITH division AS (
  -- the sector the catalogue makes responsible for a code on 2027-01-01 (mart_trend_restated's division_2027)
  SELECT code, {{ arg_max(sector, valid_from) }} AS sector FROM an_responsibility
  WHERE valid_from <= DATE '2027-01-01' AND coalesce(valid_to, DATE '9999-12-31') >= DATE '2027-01-01'
  GROUP BY code
), r AS (
  -- a code with no responsibility that day, and a row without a code, keeps its registered sector
  SELECT x.period, x.municipality, x.pid, x.cost_minor, x.in_scope, x.is_regional,
    coalesce(${scope_all} OR coalesce(d.sector, x.sector) <> 'regional', false) AS scope_2027,
    coalesce(coalesce(d.sector, x.sector) = 'regional', false) AS regional_2027
  FROM an_cost x LEFT JOIN division d ON d.code = x.catalogue_code
), c AS (
  -- one pass over the service rows for both bases, so mart_trend_restated need not regroup them per person
  SELECT period, municipality, pid,
    sum(CASE WHEN in_scope THEN cost_minor ELSE 0 END)::BIGINT AS cost_minor,
    sum(CASE WHEN is_regional THEN 0 ELSE cost_minor END)::BIGINT AS municipal_minor,
    sum(CASE WHEN is_regional THEN cost_minor ELSE 0 END)::BIGINT AS regional_minor,
    bool_or(in_scope) AS in_scope,
    bool_or(scope_2027) AS in_scope_2027,
    sum(CASE WHEN scope_2027 THEN cost_minor ELSE 0 END)::BIGINT AS cost_2027_minor,
    sum(CASE WHEN regional_2027 THEN cost_minor ELSE 0 END)::BIGINT AS regional_2027_minor,
    bool_or(coalesce(in_scope, false) <> scope_2027) AS moved_scope_2027,
    bool_or(coalesce(is_regional, false) <> regional_2027) AS moved_regional_2027
  FROM r GROUP BY period, municipality, pid
), d AS (
  SELECT period, municipality, pid, count(*)::INTEGER AS departments FROM an_pdept GROUP BY period, municipality, pid
), served AS (
  -- Periods over several calendar years: the age at the start of the (first) year of service in the
  -- period, not at the period's start (which makes everyone born later "unknown age").
  SELECT p.id AS period, x.person_key, date_trunc('year', min(greatest(x.d, p.from_date)))::DATE AS year_start
  FROM an_period p
  JOIN (SELECT person_key, start_date AS d, coalesce(end_date, start_date) AS e FROM service
          WHERE ${multi_year} AND person_key IS NOT NULL
        UNION ALL
        SELECT person_key, CAST(admit_time AS DATE), CAST(coalesce(discharge_time, admit_time) AS DATE)
          FROM hospital_contact WHERE ${multi_year}
        UNION ALL
        SELECT person_key, contact_date, contact_date FROM gp_contact WHERE ${multi_year}) x
    ON x.d <= p.to_date AND x.e >= p.from_date
  WHERE {{ year(p.from_date) }} <> {{ year(p.to_date) }}
  GROUP BY p.id, x.person_key
), aged0 AS (
  SELECT c.*, coalesce(d.departments, 0) AS departments, coalesce(pe.sex, 'U') AS sex,
    c.pid AS person_key, pe.birth_year, p.to_date AS period_to,
    CASE WHEN pe.birth_year IS NULL THEN NULL
      ELSE {{ year(greatest(p.from_date, coalesce(sv.year_start, p.from_date))) }} - pe.birth_year
        - CASE WHEN {{ month(greatest(p.from_date, coalesce(sv.year_start, p.from_date))) }} < coalesce(pe.birth_month, 1)
            THEN 1 ELSE 0 END END AS age_at
  FROM c JOIN an_period p ON p.id = c.period
  LEFT JOIN d ON d.period = c.period AND d.municipality = c.municipality AND d.pid = c.pid
  LEFT JOIN person pe ON pe.person_key = c.pid
  LEFT JOIN served sv ON sv.period = c.period AND sv.person_key = c.pid
), aged AS (
  -- born during the year of service (or the period's first year): age 0; born after the period: unknown
  SELECT period, municipality, pid, cost_minor, municipal_minor, regional_minor, in_scope, in_scope_2027,
    cost_2027_minor, regional_2027_minor, moved_scope_2027, moved_regional_2027, departments, sex, person_key,
    CASE WHEN age_at >= 0 THEN age_at WHEN birth_year <= {{ year(period_to) }} THEN 0 END AS age
  FROM aged0
)
SELECT aged.*,
  ${age_band_of_age} AS age_band,
  coalesce(att.target_group, '?') AS target_group,
  coalesce(att.housing, '?') AS housing,
  coalesce(att.benefit_status, '?') AS benefit_status,
  coalesce(att.chronic_condition, '?') AS chronic_condition
FROM aged
LEFT JOIN an_attr att ON att.period = aged.period AND att.person_key = aged.person_key;
