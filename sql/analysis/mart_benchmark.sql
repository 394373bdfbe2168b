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
-- cost): the comparison group is every municipality of the period. Its cost per inhabitant in each age group
-- of mart_consumption, rate_a = Σ_m cost_m,a / Σ_m inhabitants_m,a, applied to a municipality's own
-- inhabitants gives the cost it would have at the group's rates: expected_m = Σ_a inhabitants_m,a × rate_a.
-- Each term is kept to 10⁻⁹ øre (rounded half up) and the sum is rounded once, half up, to the øre (and to
-- the øre per inhabitant); cost_index = cost / expected (> 1: dearer than its age structure explains).
-- Only municipality totals are published. The group's rates could be solved back from the expected costs,
-- and a hidden age cell of mart_consumption from them, so smallest_cell (the fewest persons, aged in or
-- aged out behind any non-empty age cell of the group in the period) is a persons column: a group with a
-- cell of 1…threshold−1 persons has all its rows hidden.
{{ replace_table(mart_benchmark) }} AS
WITH cell AS (
  SELECT period, municipality, age_group, cost_minor::{{ type(int128) }} AS cost_minor,
    coalesce(inhabitants, 0)::{{ type(int128) }} AS inhabitants,
    least(CASE WHEN persons > 0 THEN persons END, CASE WHEN aged_in > 0 THEN aged_in END,
      CASE WHEN aged_out > 0 THEN aged_out END) AS fewest
  FROM mart_consumption WHERE age_group <> '*'
), rate AS (
  SELECT period, age_group, sum(cost_minor) AS cost_minor, sum(inhabitants) AS inhabitants
  FROM cell GROUP BY period, age_group
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
  SELECT period, count(*)::BIGINT AS municipalities, sum(persons)::{{ type(int128) }} AS persons,
    sum(cost_minor)::{{ type(int128) }} AS cost_minor, sum(inhabitants)::{{ type(int128) }} AS inhabitants
  FROM tot GROUP BY period
), small AS (
  SELECT period, coalesce(min(fewest), 0)::BIGINT AS smallest_cell FROM cell GROUP BY period
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
