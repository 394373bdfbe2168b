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
-- the trajectories priced the contacts, else the registered cost) and general practice (catalogue family
-- general_practice, the services whose authority is general_practice). The whole cost of the group's persons
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
), paid AS (
  SELECT cp.period, cp.municipality, k.pid,
    CASE WHEN cp.sector <> 'regional' THEN coalesce(cp.department, '?')
      WHEN cat.family = 'general_practice' THEN 'general_practice' ELSE 'region' END AS payer,
    CASE WHEN cp.sector = 'regional' AND cp.method IN ('kmf', 'drg') THEN cp.method ELSE 'registered' END AS basis,
    coalesce(${service_year},
      CASE WHEN {{ year(p.from_date) }} = {{ year(p.to_date) }} THEN {{ year(p.from_date) }} END) AS service_year,
    cp.cost_minor
  FROM cost_person cp
  JOIN an_period p ON p.id = cp.period
  JOIN an_pid k ON k.person_key = cp.person_key
  LEFT JOIN an_catalogue cat ON cat.code = cp.catalogue_code
)
SELECT g.period, g.municipality, g.target_group, c.payer, c.basis, CAST(c.service_year AS INTEGER) AS service_year,
  count(DISTINCT c.pid)::BIGINT AS persons, sum(c.cost_minor)::BIGINT AS cost_minor
FROM grp g JOIN paid c ON c.period = g.period AND c.municipality = g.municipality AND c.pid = g.pid
GROUP BY g.period, g.municipality, g.target_group, c.payer, c.basis, c.service_year;
