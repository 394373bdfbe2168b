-- ---
-- title: { da: Aldersstandardiseret benchmark, sv: Åldersstandardiserad jämförelse, en: Age-standardised benchmark }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: smallest_cell, kind: persons, label: { da: Færrest borgere i en celle i gruppen, sv: Minst antal personer i en cell i gruppen, en: Fewest citizens in a cell of the group } }
--   - { name: municipalities, kind: bound, label: { da: Kommuner i gruppen, sv: Kommuner i gruppen, en: Municipalities in the group } }
--   - { name: inhabitants, kind: count, label: { da: Indbyggere, sv: Invånare, en: Inhabitants } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: expected_minor, kind: money, label: { da: Forventet udgift (kr.), sv: Förväntad kostnad (kr), en: Expected cost } }
--   - { name: per_user_minor, kind: mean, label: { da: Pr. bruger (kr.), sv: Per brukare (kr), en: Per user } }
--   - { name: group_per_user_minor, kind: mean, label: { da: Gruppen pr. bruger (kr.), sv: Gruppen per brukare (kr), en: Group per user } }
--   - { name: per_inhabitant_minor, kind: mean, label: { da: Pr. indbygger (kr.), sv: Per invånare (kr), en: Per inhabitant } }
--   - { name: expected_per_inhabitant_minor, kind: mean, label: { da: Forventet pr. indbygger (kr.), sv: Förväntad per invånare (kr), en: Expected per inhabitant } }
--   - { name: group_per_inhabitant_minor, kind: mean, label: { da: Gruppen pr. indbygger (kr.), sv: Gruppen per invånare (kr), en: Group per inhabitant } }
--   - { name: cost_index, kind: number, label: { da: Indeks (faktisk / forventet), sv: Index (faktisk / förväntad), en: Index (actual / expected) } }
-- persons: [ persons, smallest_cell ]
-- order: period, municipality
-- position: 195
-- ---
-- Age-standardised benchmark (indirect standardisation, as Swedish cost equalisation and Kolada's standard
-- cost): the comparison group is every municipality of the period. Its cost per inhabitant in each benchmark
-- age group (analysis.benchmark_age_groups; by default mart_consumption's KPB groups),
-- rate_a = Σ_m cost_m,a / Σ_m inhabitants_m,a, applied to a municipality's own inhabitants gives the cost it
-- would have at the group's rates: expected_m = Σ_a inhabitants_m,a × rate_a. The cells count persons as
-- mart_consumption does (the age on 1 January of each year of service in a period over several years, else
-- an_person's one age). Each term is kept to 10⁻⁹ øre (rounded half up) and the sum is rounded once, half up,
-- to the øre (and to the øre per inhabitant); cost_index = cost / expected (> 1: dearer than its age
-- structure explains).
-- Only municipality totals are published, but the group's rates, and with them each group cell
-- Σ_m cost_m,a, can be solved back from the expected costs. So smallest_cell is a persons column holding the
-- fewest persons behind what that gives away; 1…threshold−1 hides every row of the period:
--   * every benchmark cell (m, a): its users, and the persons aged in or out across its limits (what it
--     differs by from the same ages in a person-level mart, one age a person);
--   * with two or more benchmark groups, every consumption cell of the group (users, aged in, aged out):
--     a group cell minus the published consumption cells is a sum of the hidden ones in it, and with each
--     municipality's total minus its published cells (the sum of its own hidden ones) a small cell can
--     follow even where the hidden cells of a group cell rest on enough persons together (docs/analyses.md,
--     "Benchmarks"). Coarser groups therefore do not publish more; one group (the crude rate) adds nothing
--     to the published totals.
{{ replace_table(mart_benchmark) }} AS
WITH py AS (
  -- periods over several calendar years: cost per person and year of service
  SELECT c.period, c.municipality, c.pid, c.service_year, sum(c.cost_minor)::BIGINT AS cost_minor
  FROM an_cost c JOIN an_period pr ON pr.id = c.period AND {{ year(pr.from_date) }} <> {{ year(pr.to_date) }}
  WHERE ${multi_year} AND c.in_scope GROUP BY c.period, c.municipality, c.pid, c.service_year
), aged AS (
  SELECT py.period, py.municipality, py.pid, py.service_year, py.cost_minor, ap.age AS person_age, pe.birth_year,
    pr.to_date,
    -- completed age on 1 January of the year (at the period's start in its first year), by birth year and month
    py.service_year - pe.birth_year
      - CASE WHEN (CASE WHEN py.service_year = {{ year(pr.from_date) }} THEN {{ month(pr.from_date) }} ELSE 1 END)
               < coalesce(pe.birth_month, 1) THEN 1 ELSE 0 END AS age_at
  FROM py JOIN an_person ap USING (period, municipality, pid)
  JOIN an_period pr ON pr.id = py.period
  LEFT JOIN person pe ON pe.person_key = ap.person_key
), p AS (
  SELECT period, municipality, pid, cost_minor,
    CASE WHEN service_year IS NULL THEN person_age WHEN age_at >= 0 THEN age_at
      WHEN birth_year <= {{ year(to_date) }} THEN 0 END AS age
  FROM aged
  UNION ALL
  -- a period within one calendar year: the person's one age (an_person)
  SELECT ap.period, ap.municipality, ap.pid, ap.cost_minor, ap.age
  FROM an_person ap JOIN an_period pr ON pr.id = ap.period AND {{ year(pr.from_date) }} = {{ year(pr.to_date) }}
  WHERE ap.in_scope
), member AS (
  SELECT p.period, p.municipality, p.pid, b.label AS age_group, sum(p.cost_minor)::BIGINT AS cost_minor
  FROM p JOIN an_band b ON b.kind = 'benchmark' AND p.age >= b.lower AND (b.upper IS NULL OR p.age <= b.upper)
  GROUP BY p.period, p.municipality, p.pid, b.label
), users AS (
  SELECT period, municipality, age_group, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
  FROM member GROUP BY period, municipality, age_group
), span AS (
  SELECT period, municipality, pid, min(age) AS min_age, max(age) AS max_age
  FROM p WHERE age IS NOT NULL GROUP BY period, municipality, pid
), crossed AS (
  SELECT s.period, s.municipality, b.label AS age_group,
    count(*) FILTER (WHERE s.min_age < b.lower AND s.max_age >= b.lower)::BIGINT AS aged_in,
    count(*) FILTER (WHERE b.upper IS NOT NULL AND s.min_age <= b.upper AND s.max_age > b.upper)::BIGINT AS aged_out
  FROM span s JOIN an_band b ON b.kind = 'benchmark' AND s.min_age <= coalesce(b.upper, s.max_age) AND s.max_age >= b.lower
  GROUP BY s.period, s.municipality, b.label
), inh AS (
  SELECT p.id AS period, po.municipality, b.label AS age_group, sum(po.count)::BIGINT AS inhabitants
  FROM population po JOIN an_period p ON po.year = {{ year(p.from_date) }}
  JOIN an_band b ON b.kind = 'benchmark' AND po.age >= b.lower AND (b.upper IS NULL OR po.age <= b.upper)
  GROUP BY p.id, po.municipality, b.label
), cell AS (
  SELECT coalesce(u.period, i.period) AS period, coalesce(u.municipality, i.municipality) AS municipality,
    coalesce(u.age_group, i.age_group) AS age_group, coalesce(u.cost_minor, 0)::{{ type(int128) }} AS cost_minor,
    coalesce(i.inhabitants, 0)::{{ type(int128) }} AS inhabitants,
    least(CASE WHEN u.persons > 0 THEN u.persons END, CASE WHEN x.aged_in > 0 THEN x.aged_in END,
      CASE WHEN x.aged_out > 0 THEN x.aged_out END) AS fewest
  FROM users u FULL JOIN inh i USING (period, municipality, age_group)
  LEFT JOIN crossed x ON x.period = coalesce(u.period, i.period) AND x.municipality = coalesce(u.municipality, i.municipality)
    AND x.age_group = coalesce(u.age_group, i.age_group)
), rate AS (
  SELECT period, age_group, sum(cost_minor) AS cost_minor, sum(inhabitants) AS inhabitants
  FROM cell GROUP BY period, age_group
), expected AS (
  -- Σ_a inhabitants_m,a × cost_a / inhabitants_a in 10⁻⁹ øre (each term rounded half up)
  SELECT c.period, c.municipality,
    sum(CASE WHEN r.inhabitants > 0 THEN {{ intdiv(2 * c.inhabitants * r.cost_minor * 1000000000 + r.inhabitants, 2 * r.inhabitants) }}
      ELSE 0 END) AS nano
  FROM cell c JOIN rate r USING (period, age_group) GROUP BY c.period, c.municipality
), fine AS (
  -- the consumption cells, when the benchmark has more than one age group
  SELECT period, least(CASE WHEN persons > 0 THEN persons END, CASE WHEN aged_in > 0 THEN aged_in END,
    CASE WHEN aged_out > 0 THEN aged_out END) AS fewest
  FROM mart_consumption
  WHERE age_group <> '*' AND (SELECT count(*) FROM an_band WHERE kind = 'benchmark') > 1
), tot AS (
  SELECT t.period, t.municipality, t.persons, t.cost_minor, coalesce(t.inhabitants, 0) AS inhabitants, t.per_user_minor,
    t.per_inhabitant_minor, e.nano
  FROM mart_consumption t JOIN expected e USING (period, municipality) WHERE t.age_group = '*'
), grp AS (
  SELECT period, count(*)::BIGINT AS municipalities, sum(persons)::{{ type(int128) }} AS persons,
    sum(cost_minor)::{{ type(int128) }} AS cost_minor, sum(inhabitants)::{{ type(int128) }} AS inhabitants
  FROM tot GROUP BY period
), small AS (
  SELECT period, coalesce(min(fewest), 0)::BIGINT AS smallest_cell
  FROM (
    SELECT period, fewest FROM cell
    UNION ALL
    SELECT period, fewest FROM fine
  ) f
  GROUP BY period
)
SELECT t.period, t.municipality, t.persons, s.smallest_cell, g.municipalities, t.inhabitants, t.cost_minor,
  CAST({{ intdiv(2 * t.nano + 1000000000, 2000000000) }} AS BIGINT) AS expected_minor,
  t.per_user_minor,
  CASE WHEN g.persons > 0 THEN CAST({{ intdiv(2 * g.cost_minor + g.persons, 2 * g.persons) }} AS BIGINT) END
    AS group_per_user_minor,
  t.per_inhabitant_minor,
  CASE WHEN t.inhabitants > 0
    THEN CAST({{ intdiv(2 * t.nano + t.inhabitants * 1000000000, 2 * t.inhabitants::{{ type(int128) }} * 1000000000) }} AS BIGINT)
  END AS expected_per_inhabitant_minor,
  CASE WHEN g.inhabitants > 0 THEN CAST({{ intdiv(2 * g.cost_minor + g.inhabitants, 2 * g.inhabitants) }} AS BIGINT) END
    AS group_per_inhabitant_minor,
  CASE WHEN t.nano > 0 THEN t.cost_minor::{{ type(double) }} * 1000000000 / t.nano::{{ type(double) }} END AS cost_index
FROM tot t JOIN grp g USING (period) JOIN small s USING (period);
