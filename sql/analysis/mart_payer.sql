-- ---
-- title: { da: Hvem betaler for en målgruppe, sv: Vem betalar för en målgrupp, en: Who pays for a target group }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: target_group, kind: key, label: { da: Målgruppe, sv: Målgrupp, en: Target group } }
--   - { name: payer, kind: key, label: { da: Betaler, sv: Betalare, en: Payer } }
--   - { name: basis, kind: key, label: { da: Grundlag, sv: Underlag, en: Basis } }
--   - { name: service_year, kind: key, label: { da: År, sv: År, en: Year } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
-- persons: persons
-- # a target group's cost over its payers is known from the group's own mart (mart_heavy, mart_cost_interval,
-- # mart_quadrant): protect that sum though the table has no total rows
-- dimensions:
--   - { column: payer, total: "*", known: true }
-- order: period, municipality, target_group, service_year, cost_minor DESC, payer
-- position: 170
-- ---
-- Who pays for a target group, per year of service: each municipal department, the region (basis kmf or drg where
-- the trajectories priced the contacts, else the registered cost), general practice and specialist practice (the
-- authority the catalogue makes responsible for the code in the row's sector on its dates of service,
-- an_responsibility; a regional row whose code has none is the region's). The whole cost of the group's persons
-- counts, whatever analysis.sector says: the point is who pays. A row without a year of service (kmf rows) takes
-- the period's year when the period is one calendar year, else none.
{{ replace_table(mart_payer) }} AS
WITH grp AS (
  SELECT period, municipality, pid, 'all' AS target_group FROM an_person
  UNION ALL
  SELECT period, municipality, pid, 'heavy' FROM an_heavy
  UNION ALL
  SELECT period, municipality, pid, 'both_high' FROM an_quadrant WHERE quadrant = 'high_high'
  UNION ALL
  SELECT period, municipality, pid, 'interval_' || CAST(${interval_of_cost} AS VARCHAR)
  FROM an_person WHERE in_scope AND ${interval_of_cost} IS NOT NULL
), dated AS (
  -- the row's years of service: its own year, else the period's years
  SELECT cp.period, cp.municipality, cp.person_key, cp.catalogue_code, cp.department, cp.sector, cp.method,
    cp.cost_minor,
    coalesce(${service_year},
      CASE WHEN {{ year(p.from_date) }} = {{ year(p.to_date) }} THEN {{ year(p.from_date) }} END) AS service_year,
    coalesce(${service_year}, {{ year(p.from_date) }}) AS year_from,
    coalesce(${service_year}, {{ year(p.to_date) }}) AS year_to
  FROM cost_person cp
  JOIN an_period p ON p.id = cp.period
), responsible AS (
  -- the authority the catalogue makes responsible for the code, in the row's sector, during its years of
  -- service (an_responsibility: the catalogue's responsibility periods); the latest period wins
  SELECT d.catalogue_code, d.sector, d.year_from, d.year_to, {{ arg_max(r.authority, r.valid_from) }} AS authority
  FROM (SELECT DISTINCT catalogue_code, sector, year_from, year_to FROM dated) d
  JOIN an_responsibility r ON r.code = d.catalogue_code AND r.sector = d.sector
    AND {{ year(r.valid_from) }} <= d.year_to AND coalesce({{ year(r.valid_to) }}, 9999) >= d.year_from
  GROUP BY d.catalogue_code, d.sector, d.year_from, d.year_to
), paid AS (
  SELECT d.period, d.municipality, k.pid,
    CASE WHEN d.sector <> 'regional' THEN coalesce(d.department, '?')
      WHEN a.authority IN ('general_practice', 'specialist_practice') THEN a.authority ELSE 'region' END AS payer,
    CASE WHEN d.sector = 'regional' AND d.method IN ('kmf', 'drg') THEN d.method ELSE 'registered' END AS basis,
    d.service_year, d.cost_minor
  FROM dated d
  JOIN an_pid k ON k.person_key = d.person_key
  LEFT JOIN responsible a ON a.catalogue_code = d.catalogue_code AND a.sector = d.sector
    AND a.year_from = d.year_from AND a.year_to = d.year_to
)
SELECT g.period, g.municipality, g.target_group, c.payer, c.basis, CAST(c.service_year AS INTEGER) AS service_year,
  count(DISTINCT c.pid)::BIGINT AS persons, sum(c.cost_minor)::BIGINT AS cost_minor
FROM grp g JOIN paid c ON c.period = g.period AND c.municipality = g.municipality AND c.pid = g.pid
GROUP BY g.period, g.municipality, g.target_group, c.payer, c.basis, c.service_year;
