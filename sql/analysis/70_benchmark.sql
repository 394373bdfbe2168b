-- Key figures per period and municipality (one long table), and the trend: each period against the previous one.
{{ replace_table(mart_key_figure) }} AS
WITH c AS (SELECT * FROM mart_concentration WHERE grp = 'all'),
h AS (SELECT period, municipality, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
      FROM an_heavy GROUP BY period, municipality),
t AS (SELECT * FROM mart_top_share WHERE grp = 'all' AND pct = ${key_top_pct}),
d AS (SELECT period, municipality, sum(persons) FILTER (WHERE departments IN ('2', '3+'))::BIGINT AS persons
      FROM mart_department_count WHERE departments <> '*' GROUP BY period, municipality),
inh AS (SELECT period, municipality, inhabitants FROM mart_consumption WHERE age_group = '*'),
r AS (SELECT period, municipality, sum(regional_minor)::BIGINT AS regional_minor,
        count(*) FILTER (WHERE regional_minor > 0)::BIGINT AS persons FROM an_person GROUP BY period, municipality)
SELECT period, municipality, 'persons' AS indicator, persons, NULL::BIGINT AS amount_minor, persons::{{ type(double) }} AS value FROM c
UNION ALL SELECT period, municipality, 'cost', persons, cost_minor, NULL FROM c
UNION ALL SELECT period, municipality, 'cost_per_person', persons,
  CASE WHEN persons > 0 THEN CAST({{ intdiv(2 * cost_minor::{{ type(int128) }} + persons, 2 * persons) }} AS BIGINT) END, NULL FROM c
UNION ALL SELECT period, municipality, 'gini', persons, NULL, gini FROM c
UNION ALL SELECT period, municipality, 'top_share', persons, cost_minor, share FROM t
UNION ALL SELECT c.period, c.municipality, 'heavy_persons', coalesce(h.persons, 0), NULL, coalesce(h.persons, 0)::{{ type(double) }}
  FROM c LEFT JOIN h USING (period, municipality)
UNION ALL SELECT c.period, c.municipality, 'heavy_cost_share', coalesce(h.persons, 0), h.cost_minor,
  CASE WHEN c.cost_minor > 0 THEN coalesce(h.cost_minor, 0)::{{ type(double) }} / c.cost_minor END
  FROM c LEFT JOIN h USING (period, municipality)
UNION ALL SELECT c.period, c.municipality, 'multi_department_share', coalesce(d.persons, 0), NULL,
  CASE WHEN c.persons > 0 THEN coalesce(d.persons, 0)::{{ type(double) }} / c.persons END
  FROM c LEFT JOIN d USING (period, municipality)
UNION ALL SELECT c.period, c.municipality, 'cost_per_inhabitant', c.persons,
  CASE WHEN inh.inhabitants > 0 THEN CAST({{ intdiv(2 * c.cost_minor::{{ type(int128) }} + inh.inhabitants, 2 * inh.inhabitants) }} AS BIGINT) END,
  NULL
  FROM c JOIN inh USING (period, municipality)
UNION ALL SELECT period, municipality, 'regional_cost', persons, regional_minor, NULL FROM r;

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
