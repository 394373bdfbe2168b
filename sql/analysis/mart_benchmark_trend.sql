-- ---
-- title: { da: Benchmark over tid, sv: Jämförelse över tid, en: Benchmark over time }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: previous_period, kind: key, label: { da: Forrige periode, sv: Föregående period, en: Previous period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: indicator, kind: key, label: { da: Nøgletal, sv: Nyckeltal, en: Indicator } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: previous_persons, kind: persons, label: { da: Borgere før, sv: Personer före, en: Citizens before } }
--   - { name: amount_minor, kind: money, label: { da: Beløb (kr.), sv: Belopp (kr), en: Amount } }
--   - { name: previous_amount_minor, kind: money, label: { da: Beløb før, sv: Belopp före, en: Amount before } }
--   - { name: change_minor, kind: money, label: { da: Ændring (kr.), sv: Förändring (kr), en: Change } }
--   - { name: value, kind: number, label: { da: Værdi, sv: Värde, en: Value } }
--   - { name: previous_value, kind: number, label: { da: Værdi før, sv: Värde före, en: Value before } }
--   - { name: change, kind: number, label: { da: Ændring, sv: Förändring, en: Change } }
--   - { name: change_share, kind: share, label: { da: Ændring i %, sv: Förändring i %, en: Change in % } }
-- persons: [ persons, previous_persons ]
-- requires:
--   - { table: mart_benchmark, on: [period, municipality] }
--   - { table: mart_benchmark, on: { previous_period: period, municipality: municipality } }
-- order: municipality, indicator, period
-- position: 205
-- ---
-- The benchmark's figures (mart_benchmark) each period against the one before it (by start date): cost per
-- user and per inhabitant, expected cost per inhabitant (amounts, øre) and the index (a value). The users of
-- both periods are judged, and a row requires the benchmark rows of both periods: a figure hidden in one
-- period is hidden in the next one's row (it cannot be recovered as this period's figure minus the change).
{{ replace_table(mart_benchmark_trend) }} AS
WITH b AS (
  SELECT period, municipality, 'per_user' AS indicator, persons, per_user_minor AS amount_minor,
    NULL::{{ type(double) }} AS value FROM mart_benchmark
  UNION ALL SELECT period, municipality, 'per_inhabitant', persons, per_inhabitant_minor, NULL FROM mart_benchmark
  UNION ALL SELECT period, municipality, 'expected_per_inhabitant', persons, expected_per_inhabitant_minor, NULL
    FROM mart_benchmark
  UNION ALL SELECT period, municipality, 'cost_index', persons, NULL, cost_index FROM mart_benchmark
), k AS (
  SELECT b.*, lag(b.period) OVER w AS previous_period, lag(b.persons) OVER w AS previous_persons,
    lag(b.amount_minor) OVER w AS previous_amount_minor, lag(b.value) OVER w AS previous_value
  FROM b JOIN an_period p ON p.id = b.period
  WINDOW w AS (PARTITION BY b.municipality, b.indicator ORDER BY p.from_date)
)
SELECT period, previous_period, municipality, indicator, persons, previous_persons,
  amount_minor, previous_amount_minor, amount_minor - previous_amount_minor AS change_minor, value, previous_value,
  value - previous_value AS change,
  CASE WHEN previous_amount_minor IS NOT NULL AND previous_amount_minor <> 0
       THEN (amount_minor - previous_amount_minor)::{{ type(double) }} / abs(previous_amount_minor)
       WHEN previous_value IS NOT NULL AND previous_value <> 0 THEN (value - previous_value) / abs(previous_value)
  END AS change_share
FROM k;
