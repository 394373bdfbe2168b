-- ---
-- title: { da: Standardudgift pr. aldersgruppe, sv: Standardkostnad per åldersgrupp, en: Standard cost by age group }
-- reading:
--   da: Sammenligningsgruppens udgift pr. indbygger i hver aldersgruppe, alle gruppens kommuner lagt sammen. Med den beregnes hver kommunes forventede udgift i det aldersstandardiserede benchmark.
--   sv: Jämförelsegruppens kostnad per invånare i varje åldersgrupp, gruppens alla kommuner sammanlagda (standardkostnad). Med den beräknas varje kommuns förväntade kostnad i den åldersstandardiserade jämförelsen.
--   en: The comparison group's cost per inhabitant in each age group, all its municipalities together (the standard cost). It gives each municipality's expected cost in the age-standardised benchmark.
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: age_group, kind: key, label: { da: Aldersgruppe, sv: Åldersgrupp, en: Age group } }
--   - { name: age_from, kind: number, label: { da: Alder fra, sv: Ålder från, en: Age from } }
--   - { name: age_to, kind: number, label: { da: Alder til, sv: Ålder till, en: Age to } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: aged_in, kind: persons, label: { da: Ældet ind i gruppen, sv: Åldrats in i gruppen, en: Aged into the group } }
--   - { name: aged_out, kind: persons, label: { da: Ældet ud af gruppen, sv: Åldrats ut ur gruppen, en: Aged out of the group } }
--   - { name: municipalities, kind: number, label: { da: Kommuner i gruppen, sv: Kommuner i gruppen, en: Municipalities in the group } }
--   - { name: inhabitants, kind: count, label: { da: Indbyggere, sv: Invånare, en: Inhabitants } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: per_inhabitant_minor, kind: mean, label: { da: Pr. indbygger (kr.), sv: Per invånare (kr), en: Per inhabitant } }
-- persons: [ persons, aged_in, aged_out ]
-- order: period, age_from
-- position: 193
-- report: generic
-- ---
-- The comparison group's standard cost per age group: the rate of the age-standardised benchmark
-- (mart_benchmark), as Kolada's standard cost and Swedish cost equalisation name it. For each benchmark age
-- group (analysis.benchmark_age_groups, age_from … age_to, open when age_to is empty) and period, the sum over
-- every municipality of the period (municipalities) of its consumption cells (mart_consumption) of those ages:
-- rate_a = Σ_m cost_m,a / Σ_m inhabitants_m,a, rounded half up once to the øre (per_inhabitant_minor).
-- persons is the sum of the cells' users (in a period over several years a person may count in two cells).
-- aged_in / aged_out: the persons of the group's first / last consumption cell aged across its lower / upper
-- limit, so the group differs from the same ages in a person-level mart (one age a person) by no figure
-- of 1…threshold−1 persons. Suppression ties each row to its cells (src/analysis/marts.ts martLinks), so
-- a published rate never gives away a hidden consumption cell by subtraction; mart_benchmark, computed from
-- these rates, is hidden wherever a rate of its period is.
{{ replace_table(mart_benchmark_rate) }} AS
WITH cell AS (
  SELECT c.period, c.municipality, b.label AS age_group, b.lower AS age_from, b.upper AS age_to,
    c.age_from AS cell_from, c.persons, c.aged_in, c.aged_out, c.cost_minor::{{ type(int128) }} AS cost_minor,
    coalesce(c.inhabitants, 0)::{{ type(int128) }} AS inhabitants
  FROM mart_consumption c
  JOIN an_band b ON b.kind = 'benchmark' AND c.age_from >= b.lower AND (b.upper IS NULL OR c.age_from <= b.upper)
  WHERE c.age_group <> '*'
), edge AS (
  SELECT *, max(cell_from) OVER (PARTITION BY period, age_group) AS last_from FROM cell
), grp AS (
  SELECT period, age_group, age_from, age_to, sum(persons) AS persons,
    sum(CASE WHEN cell_from = age_from THEN aged_in ELSE 0 END) AS aged_in,
    sum(CASE WHEN cell_from = last_from THEN aged_out ELSE 0 END) AS aged_out,
    sum(inhabitants) AS inhabitants, sum(cost_minor) AS cost_minor
  FROM edge GROUP BY period, age_group, age_from, age_to
), n AS (
  SELECT period, count(*) AS municipalities FROM mart_consumption WHERE age_group = '*' GROUP BY period
)
SELECT g.period, g.age_group, g.age_from, g.age_to, g.persons::BIGINT AS persons, g.aged_in::BIGINT AS aged_in,
  g.aged_out::BIGINT AS aged_out, n.municipalities::BIGINT AS municipalities, g.inhabitants::BIGINT AS inhabitants,
  g.cost_minor::BIGINT AS cost_minor,
  CASE WHEN g.inhabitants > 0
    THEN CAST({{ intdiv(2 * g.cost_minor + g.inhabitants, 2 * g.inhabitants) }} AS BIGINT)
  END AS per_inhabitant_minor
FROM grp g JOIN n USING (period);
