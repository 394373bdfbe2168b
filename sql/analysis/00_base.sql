-- Base of every mart: one row per period, municipality and person with cost by sector, age band and attributes.
-- Persons are joined by an integer id (an_pid, made by the runner) rather than the 64-character key: faster.
{{ replace_temp_table(an_cost) }} AS
SELECT cp.period, cp.municipality, k.pid, cp.catalogue_code, cp.department, cp.sector, cp.law_ref,
  cp.volume, cp.cost_minor,
  CASE WHEN cat.law IS NOT NULL THEN cat.law
    ELSE coalesce(nullif(trim(regexp_replace(cp.law_ref, '§.*$', '')), ''), '?') END AS law,
  coalesce(cat.area, '?') AS area, coalesce(cat.family, '?') AS family,
  (cp.sector = 'regional') AS is_regional,
  (${scope_all} OR cp.sector <> 'regional') AS in_scope
FROM cost_person cp
JOIN an_period p ON p.id = cp.period
JOIN an_pid k ON k.person_key = cp.person_key
LEFT JOIN an_catalogue cat ON cat.code = cp.catalogue_code;

-- One row per period and person with the attribute values valid in the period; several → the one that
-- started last (ties: the alphabetically last value). arg_max orders by its keys in turn and skips other attributes' rows (value NULL).
{{ replace_temp_table(an_attr) }} AS
SELECT p.id AS period, a.person_key,
  {{ arg_max(CASE WHEN a.attribute = 'target_group' THEN a.value END, coalesce(a.from_date, DATE '0001-01-01'), a.value) }} AS target_group,
  {{ arg_max(CASE WHEN a.attribute = 'housing' THEN a.value END, coalesce(a.from_date, DATE '0001-01-01'), a.value) }} AS housing,
  {{ arg_max(CASE WHEN a.attribute = 'benefit_status' THEN a.value END, coalesce(a.from_date, DATE '0001-01-01'), a.value) }} AS benefit_status,
  {{ arg_max(CASE WHEN a.attribute = 'chronic_condition' THEN a.value END, coalesce(a.from_date, DATE '0001-01-01'), a.value) }} AS chronic_condition
FROM person_attribute a
JOIN an_period p
  ON coalesce(a.from_date, DATE '0001-01-01') <= p.to_date
 AND coalesce(a.to_date, DATE '9999-12-31') >= p.from_date
WHERE a.attribute IN ('target_group', 'housing', 'benefit_status', 'chronic_condition')
GROUP BY p.id, a.person_key;

-- Each person's municipal departments in scope (the overlap marts read it too); regional rows are "Region".
{{ replace_temp_table(an_pdept) }} AS
SELECT period, municipality, pid, department
FROM an_cost WHERE in_scope AND NOT is_regional AND department IS NOT NULL
GROUP BY period, municipality, pid, department;

{{ replace_temp_table(an_person) }} AS
WITH c AS (
  SELECT period, municipality, pid,
    sum(CASE WHEN in_scope THEN cost_minor ELSE 0 END)::BIGINT AS cost_minor,
    sum(CASE WHEN is_regional THEN 0 ELSE cost_minor END)::BIGINT AS municipal_minor,
    sum(CASE WHEN is_regional THEN cost_minor ELSE 0 END)::BIGINT AS regional_minor,
    bool_or(in_scope) AS in_scope
  FROM an_cost GROUP BY period, municipality, pid
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
    k.person_key, pe.birth_year, p.to_date AS period_to,
    CASE WHEN pe.birth_year IS NULL THEN NULL
      ELSE {{ year(greatest(p.from_date, coalesce(sv.year_start, p.from_date))) }} - pe.birth_year
        - CASE WHEN {{ month(greatest(p.from_date, coalesce(sv.year_start, p.from_date))) }} < coalesce(pe.birth_month, 1)
            THEN 1 ELSE 0 END END AS age_at
  FROM c JOIN an_period p ON p.id = c.period
  JOIN an_pid k ON k.pid = c.pid
  LEFT JOIN d ON d.period = c.period AND d.municipality = c.municipality AND d.pid = c.pid
  LEFT JOIN person pe ON pe.person_key = k.person_key
  LEFT JOIN served sv ON sv.period = c.period AND sv.person_key = k.person_key
), aged AS (
  -- born during the year of service (or the period's first year): age 0; born after the period: unknown
  SELECT period, municipality, pid, cost_minor, municipal_minor, regional_minor, in_scope, departments, sex,
    person_key,
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

-- The analysed persons ('all' and each age band), ranked by cost for the concentration marts. Ties need no
-- tie-break: every figure read from the ranking (cumulative sums, Σ rank·cost) is the same for any order of equals.
{{ replace_temp_table(an_ranked) }} AS
WITH g AS (
  SELECT period, municipality, 'all' AS grp, cost_minor FROM an_person WHERE in_scope
  UNION ALL
  SELECT period, municipality, age_band, cost_minor FROM an_person WHERE in_scope
)
SELECT *,
  row_number() OVER (PARTITION BY period, municipality, grp ORDER BY cost_minor) AS rn,
  sum(cost_minor) OVER (PARTITION BY period, municipality, grp ORDER BY cost_minor
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)::{{ type(int128) }} AS cum_minor
FROM g;
