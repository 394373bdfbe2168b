-- ---
-- title: { da: Udgift pr. resultat, sv: Kostnad per resultat, en: Cost per result }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: result_id, kind: key, label: { da: Resultat, sv: Resultat, en: Result } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: users, kind: persons, label: { da: Brugere, sv: Brukare, en: Users } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: cost_per_result_minor, kind: mean, label: { da: Pr. resultat (kr.), sv: Per resultat (kr), en: Per result } }
-- persons: [ persons, users ]
-- order: period, municipality, result_id
-- position: 180
-- ---
-- Results: the cost of the measured services set against their users who reached the result.
{{ replace_table(mart_result) }} AS
WITH rows AS (
  SELECT period, municipality, pid, catalogue_code, cost_minor, row_number() OVER () AS rid FROM an_cost
), used AS (
  -- each cost row once per result, however many of its patterns it matches (two rows of equal cost both count)
  SELECT DISTINCT c.period, c.municipality, r.result_id, c.pid, c.rid, c.cost_minor
  FROM rows c JOIN an_result_code r ON c.catalogue_code LIKE r.pattern
), cost AS (
  SELECT period, municipality, result_id, count(DISTINCT pid)::BIGINT AS users,
    sum(cost_minor)::BIGINT AS cost_minor
  FROM used GROUP BY period, municipality, result_id
), res AS (
  SELECT m.period, m.municipality, m.result_id, count(DISTINCT m.pid)::BIGINT AS persons
  FROM an_result_member m
  JOIN (SELECT DISTINCT period, municipality, result_id, pid FROM used) u USING (period, municipality, result_id, pid)
  GROUP BY m.period, m.municipality, m.result_id
)
SELECT c.period, c.municipality, c.result_id, coalesce(r.persons, 0) AS persons, c.users, c.cost_minor,
  CASE WHEN r.persons > 0 THEN CAST({{ intdiv(2 * c.cost_minor::{{ type(int128) }} + r.persons, 2 * r.persons) }} AS BIGINT) END
    AS cost_per_result_minor
FROM cost c LEFT JOIN res r USING (period, municipality, result_id);
