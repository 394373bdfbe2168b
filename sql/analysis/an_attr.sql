-- One row per period and person with the attribute values valid in the period; several → the one that
-- started last (ties: the alphabetically last value). arg_max orders by its keys in turn and skips other attributes' rows (value NULL).
{{ replace_temp_table(an_attr) }} AS
SELECT p.id AS period, a.person_key,
  {{ arg_max(CASE WHEN a.attribute = 'target_group' THEN a.value END, coalesce(a.from_date, DATE '0001-01-01'), a.value) }} AS target_group,
  {{ arg_max(CASE WHEN a.attribute = 'housing' THEN a.value END, coalesce(a.from_date, DATE '0001-01-01'), a.value) }} AS housing,
  {{ arg_max(CASE WHEN a.attribute = 'benefit_status' THEN a.value END, coalesce(a.from_date, DATE '0001-01-01'), a.value) }} AS benefit_status,
  {{ arg_max(CASE WHEN a.attribute = 'chronic_condition' THEN a.value END, coalesce(a.from_date, DATE '0001-01-01'), a.value) }} AS chronic_condition
FROM person_attribute a
JOIN an_period p
  ON coalesce(a.from_date, DATE '0001-01-01') <= p.to_date
 AND coalesce(a.to_date, DATE '9999-12-31') >= p.from_date
WHERE a.attribute IN ('target_group', 'housing', 'benefit_status', 'chronic_condition')
GROUP BY p.id, a.person_key;
