-- ---
-- title: { da: Aldersstandardiseret benchmark, sv: Åldersstandardiserad jämförelse, en: Age-standardised benchmark }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
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
-- persons: persons
-- requires:
--   - { table: mart_benchmark_rate, on: [period] }
--   - { table: mart_consumption, on: [period, municipality], where: { age_group: ["*"] } }
-- order: period, municipality
-- position: 195
-- ---
-- Age-standardised benchmark (indirect standardisation, as Swedish cost equalisation and Kolada's standard
-- cost): the comparison group is every municipality of the period. Its cost per inhabitant in each benchmark
-- age group (analysis.benchmark_age_groups: runs of mart_consumption's KPB groups, by default those groups),
-- rate_a = Σ_m cost_m,a / Σ_m inhabitants_m,a (mart_benchmark_rate, published beside it), applied to a
-- municipality's own inhabitants gives the cost it would have at the group's rates:
-- expected_m = Σ_a inhabitants_m,a × rate_a. A benchmark cell is the sum of its consumption cells. Each term
-- is kept to 10⁻⁹ øre (rounded half up) and the sum is rounded once, half up, to the øre (and to the øre per
-- inhabitant); cost_index = cost / expected (> 1: dearer than its age structure explains).
-- The group's means are the rates' sums: group_per_inhabitant = Σ_a cost_a / Σ_a inhabitants_a,
-- group_per_user = Σ_a cost_a / Σ_a users_a (in a period over several years a user aged across a limit
-- counts in both groups, as in mart_benchmark_rate), so they tell nothing the rates do not.
-- Suppression: the expected costs let a reader solve back the rates, so a row requires every rate of its
-- period (mart_benchmark_rate, whose rows suppression ties to their consumption cells: a published rate
-- gives no hidden cell away), and its municipality's total row of mart_consumption (the same figures).
-- A row is hidden wherever one of those is (docs/analyses.md, "Benchmarks").
{{ replace_table(mart_benchmark) }} AS
WITH cell AS (
  SELECT c.period, c.municipality, b.label AS age_group, sum(c.cost_minor)::{{ type(int128) }} AS cost_minor,
    sum(coalesce(c.inhabitants, 0))::{{ type(int128) }} AS inhabitants
  FROM mart_consumption c
  JOIN an_band b ON b.kind = 'benchmark' AND c.age_from >= b.lower AND (b.upper IS NULL OR c.age_from <= b.upper)
  WHERE c.age_group <> '*'
  GROUP BY c.period, c.municipality, b.label
), rate AS (
  SELECT period, age_group, persons::{{ type(int128) }} AS persons, cost_minor::{{ type(int128) }} AS cost_minor,
    inhabitants::{{ type(int128) }} AS inhabitants
  FROM mart_benchmark_rate
), expected AS (
  -- Σ_a inhabitants_m,a × cost_a / inhabitants_a in 10⁻⁹ øre (each term rounded half up)
  SELECT c.period, c.municipality,
    sum(CASE WHEN r.inhabitants > 0 THEN {{ intdiv(2 * c.inhabitants * r.cost_minor * 1000000000 + r.inhabitants, 2 * r.inhabitants) }}
      ELSE 0 END) AS nano
  FROM cell c JOIN rate r USING (period, age_group) GROUP BY c.period, c.municipality
), tot AS (
  SELECT t.period, t.municipality, t.persons, t.cost_minor, coalesce(t.inhabitants, 0) AS inhabitants, t.per_user_minor,
    t.per_inhabitant_minor, e.nano
  FROM mart_consumption t JOIN expected e USING (period, municipality) WHERE t.age_group = '*'
), grp AS (
  SELECT period, sum(persons) AS persons, sum(cost_minor) AS cost_minor, sum(inhabitants) AS inhabitants
  FROM rate GROUP BY period
), n AS (
  SELECT period, count(*)::BIGINT AS municipalities FROM tot GROUP BY period
)
SELECT t.period, t.municipality, t.persons, n.municipalities, t.inhabitants, t.cost_minor,
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
FROM tot t JOIN grp g USING (period) JOIN n USING (period);
