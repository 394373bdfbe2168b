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
WITH dated AS NOT MATERIALIZED (
  -- the row's years of service: its own year, else the period's years (read twice: inlined rather than written out)
  SELECT c.period, c.municipality, c.pid, c.catalogue_code, c.department, c.sector, c.method, c.cost_minor,
    coalesce(c.service_year,
      CASE WHEN {{ year(p.from_date) }} = {{ year(p.to_date) }} THEN {{ year(p.from_date) }} END) AS service_year,
    coalesce(c.service_year, {{ year(p.from_date) }}) AS year_from,
    coalesce(c.service_year, {{ year(p.to_date) }}) AS year_to
  FROM an_cost c
  JOIN an_period p ON p.id = c.period
), responsible AS (
  -- the authority the catalogue makes responsible for the code, in the row's sector, during its years of
  -- service (an_responsibility: the catalogue's responsibility periods); the latest period wins
  SELECT d.catalogue_code, d.sector, d.year_from, d.year_to, {{ arg_max(r.authority, r.valid_from) }} AS authority
  FROM (SELECT DISTINCT catalogue_code, sector, year_from, year_to FROM dated) d
  JOIN an_responsibility r ON r.code = d.catalogue_code AND r.sector = d.sector
    AND {{ year(r.valid_from) }} <= d.year_to AND coalesce({{ year(r.valid_to) }}, 9999) >= d.year_from
  GROUP BY d.catalogue_code, d.sector, d.year_from, d.year_to
), paid AS (
  SELECT d.period, d.municipality, d.pid,
    CASE WHEN d.sector <> 'regional' THEN coalesce(d.department, '?')
      WHEN a.authority IN ('general_practice', 'specialist_practice') THEN a.authority ELSE 'region' END AS payer,
    CASE WHEN d.sector = 'regional' AND d.method IN ('kmf', 'drg') THEN d.method ELSE 'registered' END AS basis,
    d.service_year, d.cost_minor
  FROM dated d
  LEFT JOIN responsible a ON a.catalogue_code = d.catalogue_code AND a.sector = d.sector
    AND a.year_from = d.year_from AND a.year_to = d.year_to
), grp AS (
  -- each analysed person's target groups besides all: heavy, both sectors high, the cost interval (in scope)
  SELECT p.period, p.municipality, p.pid, h.pid IS NOT NULL AS heavy, q.pid IS NOT NULL AS both_high, p.interval_no
  FROM (SELECT period, municipality, pid, CASE WHEN in_scope THEN ${interval_of_cost} END AS interval_no
        FROM an_person) p
  LEFT JOIN an_heavy h ON h.period = p.period AND h.municipality = p.municipality AND h.pid = p.pid
  LEFT JOIN (SELECT period, municipality, pid FROM an_quadrant WHERE quadrant = 'high_high') q
    ON q.period = p.period AND q.municipality = p.municipality AND q.pid = p.pid
), person_cell AS (
  -- one row per person and cell, so the cells below count persons with count(*)
  SELECT c.period, c.municipality, c.pid, c.payer, c.basis, c.service_year, g.heavy, g.both_high, g.interval_no,
    sum(c.cost_minor) AS cost_minor
  FROM paid c JOIN grp g ON g.period = c.period AND g.municipality = c.municipality AND g.pid = c.pid
  GROUP BY c.period, c.municipality, c.pid, c.payer, c.basis, c.service_year, g.heavy, g.both_high, g.interval_no
), cell AS (
  SELECT period, municipality, payer, basis, service_year, heavy, both_high, interval_no, count(*) AS persons,
    sum(cost_minor) AS cost_minor
  FROM person_cell GROUP BY period, municipality, payer, basis, service_year, heavy, both_high, interval_no
), tg AS (
  SELECT period, municipality, 'all' AS target_group, payer, basis, service_year, persons, cost_minor FROM cell
  UNION ALL
  SELECT period, municipality, 'heavy', payer, basis, service_year, persons, cost_minor FROM cell WHERE heavy
  UNION ALL
  SELECT period, municipality, 'both_high', payer, basis, service_year, persons, cost_minor FROM cell WHERE both_high
  UNION ALL
  SELECT period, municipality, 'interval_' || CAST(interval_no AS VARCHAR), payer, basis, service_year, persons,
    cost_minor
  FROM cell WHERE interval_no IS NOT NULL
)
SELECT period, municipality, target_group, payer, basis, CAST(service_year AS INTEGER) AS service_year,
  sum(persons)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
FROM tg GROUP BY period, municipality, target_group, payer, basis, service_year;
