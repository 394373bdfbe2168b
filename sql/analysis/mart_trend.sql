-- ---
-- title: { da: Udvikling, sv: Utveckling, en: Trends }
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
-- # a row prints the key figure of both periods: hidden wherever either is (a key figure without an amount is tied by nothing else)
-- requires:
--   - { table: mart_key_figure, on: [period, municipality, indicator] }
--   - { table: mart_key_figure, on: { previous_period: period, municipality: municipality, indicator: indicator } }
-- order: municipality, indicator, period
-- position: 200
-- ---
-- Each key figure of mart_key_figure against the previous period, as registered. The sector-dependent ones on the
-- 2027 division of tasks too (the earlier years restated): mart_trend_restated.sql.
{{ replace_table(mart_trend) }} AS
WITH k AS (
  SELECT k.*, p.from_date,
    lag(k.amount_minor) OVER w AS previous_amount_minor, lag(k.value) OVER w AS previous_value,
    lag(k.persons) OVER w AS previous_persons, lag(k.period) OVER w AS previous_period
  FROM mart_key_figure k JOIN an_period p ON p.id = k.period
  WINDOW w AS (PARTITION BY k.municipality, k.indicator ORDER BY p.from_date)
)
SELECT period, previous_period, municipality, indicator, persons, previous_persons, amount_minor, previous_amount_minor,
  amount_minor - previous_amount_minor AS change_minor, value, previous_value, value - previous_value AS change,
  CASE WHEN previous_amount_minor IS NOT NULL AND previous_amount_minor <> 0
       THEN (amount_minor - previous_amount_minor)::{{ type(double) }} / abs(previous_amount_minor)
       WHEN previous_value IS NOT NULL AND previous_value <> 0 THEN (value - previous_value) / abs(previous_value)
  END AS change_share
FROM k;
