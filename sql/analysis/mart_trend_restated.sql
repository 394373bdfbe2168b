-- ---
-- title: { da: Udvikling på 2027-opgavefordelingen, sv: Utveckling med 2027 års uppgiftsfördelning, en: Trends on the 2027 division of tasks }
-- reading:
--   da: De nøgletal, der afhænger af sektoren, to gange — som registreret og med alle år på 2027-opgavefordelingen (hver ydelse i den sektor, der har ansvaret for den 1. januar 2027), så et fald, der kun skyldes reformen, ikke ligner en ændring i indsatsen.
--   sv: De nyckeltal som beror på sektorn, två gånger — som registrerat och med alla år enligt den danska uppgiftsfördelningen från 2027 (varje insats i den sektor som ansvarar för den den 1 januari 2027).
--   en: The key figures that depend on the sector, twice — as registered and with every year on the 2027 division of tasks (each service in the sector responsible for it on 1 January 2027), so a drop that is only the reform does not read as a change in care.
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: previous_period, kind: key, label: { da: Forrige periode, sv: Föregående period, en: Previous period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: indicator, kind: key, label: { da: Nøgletal, sv: Nyckeltal, en: Indicator } }
--   - { name: basis, kind: key, label: { da: Grundlag, sv: Grund, en: Basis } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: previous_persons, kind: persons, label: { da: Borgere før, sv: Personer före, en: Citizens before } }
--   - { name: restated_persons, kind: persons, label: { da: Borgere med ydelser i en anden sektor, sv: Personer med insatser i en annan sektor, en: Citizens with services in another sector } }
--   - { name: previous_restated_persons, kind: persons, label: { da: Borgere med ydelser i en anden sektor før, sv: Personer med insatser i en annan sektor före, en: Citizens with services in another sector before } }
--   - { name: recounted_persons, kind: persons, label: { da: Borgere talt på kun ét grundlag, sv: Personer räknade på endast en grund, en: Citizens counted on one basis only } }
--   - { name: previous_recounted_persons, kind: persons, label: { da: Borgere talt på kun ét grundlag før, sv: Personer räknade på endast en grund före, en: Citizens counted on one basis only before } }
--   - { name: amount_minor, kind: money, label: { da: Beløb (kr.), sv: Belopp (kr), en: Amount } }
--   - { name: previous_amount_minor, kind: money, label: { da: Beløb før, sv: Belopp före, en: Amount before } }
--   - { name: change_minor, kind: money, label: { da: Ændring (kr.), sv: Förändring (kr), en: Change } }
--   - { name: value, kind: number, label: { da: Værdi, sv: Värde, en: Value } }
--   - { name: previous_value, kind: number, label: { da: Værdi før, sv: Värde före, en: Value before } }
--   - { name: change, kind: number, label: { da: Ændring, sv: Förändring, en: Change } }
--   - { name: change_share, kind: share, label: { da: Ændring i %, sv: Förändring i %, en: Change in % } }
-- # a restated figure minus the registered one is the cost (or the count) of the persons whose services the
-- # restatement moves: restated_persons and recounted_persons hide the restated row when they are 1 … threshold − 1
-- persons: [ persons, previous_persons, restated_persons, previous_restated_persons, recounted_persons, previous_recounted_persons ]
-- # a row prints the key figure of both periods (registered: the same figures; 2027: hidden with them too)
-- requires:
--   - { table: mart_key_figure, on: [period, municipality, indicator] }
--   - { table: mart_key_figure, on: { previous_period: period, municipality: municipality, indicator: indicator } }
-- order: municipality, indicator, basis, period
-- position: 201
-- panel: { page: overview, chart: table }
-- ---
-- The sector-dependent key figures of mart_key_figure (persons, cost, cost per person, cost per inhabitant: the
-- costs analysis.sector counts; regional_cost: the regional costs) on two bases, each period against the one
-- before it on the same basis:
--   registered     the sector of each cost_person row as costing wrote it (the figures of mart_trend)
--   division_2027  the sector the catalogue makes responsible for the row's code on 2027-01-01 (an_responsibility);
--                  a code with no responsibility that day, and a row without a catalogue code, keeps its sector
-- restated_persons: persons with a row whose sector the basis changes (for the indicator: in or out of the counted
-- costs; for regional_cost: in or out of the regional ones); recounted_persons: persons the basis adds to or
-- removes from the indicator's persons. Both are 0 on the registered basis. docs/reform-2027.md, "Comparable history".
{{ replace_table(mart_trend_restated) }} AS
WITH pp AS (
  -- the persons' figures on both bases (an_person sums each person's rows on both in one pass), per municipality
  SELECT period, municipality,
    count(*) FILTER (WHERE in_scope)::BIGINT AS persons_reg, sum(cost_minor)::BIGINT AS cost_reg,
    count(*) FILTER (WHERE regional_minor > 0)::BIGINT AS regional_persons_reg,
    sum(regional_minor)::BIGINT AS regional_reg,
    count(*) FILTER (WHERE in_scope_2027)::BIGINT AS persons_div, sum(cost_2027_minor)::BIGINT AS cost_div,
    count(*) FILTER (WHERE moved_scope_2027)::BIGINT AS restated,
    count(*) FILTER (WHERE coalesce(in_scope, false) <> in_scope_2027)::BIGINT AS recounted,
    count(*) FILTER (WHERE regional_2027_minor > 0)::BIGINT AS regional_persons_div,
    sum(regional_2027_minor)::BIGINT AS regional_div,
    count(*) FILTER (WHERE moved_regional_2027)::BIGINT AS regional_restated,
    count(*) FILTER (WHERE (regional_minor > 0) <> (regional_2027_minor > 0))::BIGINT AS regional_recounted
  FROM an_person GROUP BY period, municipality
), b AS (
  SELECT period, municipality, 'registered' AS basis, persons_reg AS persons, cost_reg AS cost_minor,
    0::BIGINT AS restated, 0::BIGINT AS recounted, regional_persons_reg AS regional_persons,
    regional_reg AS regional_minor, 0::BIGINT AS regional_restated, 0::BIGINT AS regional_recounted
  FROM pp
  UNION ALL
  SELECT period, municipality, 'division_2027', persons_div, cost_div, restated, recounted, regional_persons_div,
    regional_div, regional_restated, regional_recounted
  FROM pp
), inh AS (SELECT period, municipality, inhabitants FROM mart_consumption WHERE age_group = '*'
), f AS (
  SELECT period, municipality, 'persons' AS indicator, basis, persons, restated, recounted,
    NULL::BIGINT AS amount_minor, persons::{{ type(double) }} AS value FROM b WHERE persons > 0
  UNION ALL SELECT period, municipality, 'cost', basis, persons, restated, recounted, cost_minor, NULL
    FROM b WHERE persons > 0
  UNION ALL SELECT period, municipality, 'cost_per_person', basis, persons, restated, recounted,
    CAST({{ intdiv(2 * cost_minor::{{ type(int128) }} + persons, 2 * persons) }} AS BIGINT), NULL FROM b WHERE persons > 0
  UNION ALL SELECT b.period, b.municipality, 'cost_per_inhabitant', b.basis, b.persons, b.restated, b.recounted,
    CASE WHEN inh.inhabitants > 0
      THEN CAST({{ intdiv(2 * b.cost_minor::{{ type(int128) }} + inh.inhabitants, 2 * inh.inhabitants) }} AS BIGINT) END,
    NULL
    FROM b JOIN inh ON inh.period = b.period AND inh.municipality = b.municipality WHERE b.persons > 0
  UNION ALL SELECT period, municipality, 'regional_cost', basis, regional_persons, regional_restated, regional_recounted,
    regional_minor, NULL FROM b
), k AS (
  SELECT f.*, lag(f.period) OVER w AS previous_period, lag(f.persons) OVER w AS previous_persons,
    lag(f.restated) OVER w AS previous_restated_persons, lag(f.recounted) OVER w AS previous_recounted_persons,
    lag(f.amount_minor) OVER w AS previous_amount_minor, lag(f.value) OVER w AS previous_value
  FROM f JOIN an_period p ON p.id = f.period
  WINDOW w AS (PARTITION BY f.municipality, f.indicator, f.basis ORDER BY p.from_date)
)
SELECT period, previous_period, municipality, indicator, basis, persons, previous_persons,
  restated AS restated_persons, previous_restated_persons, recounted AS recounted_persons, previous_recounted_persons,
  amount_minor, previous_amount_minor, amount_minor - previous_amount_minor AS change_minor,
  value, previous_value, value - previous_value AS change,
  CASE WHEN previous_amount_minor IS NOT NULL AND previous_amount_minor <> 0
       THEN (amount_minor - previous_amount_minor)::{{ type(double) }} / abs(previous_amount_minor)
       WHEN previous_value IS NOT NULL AND previous_value <> 0 THEN (value - previous_value) / abs(previous_value)
  END AS change_share
FROM k;
