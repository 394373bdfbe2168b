-- ---
-- title: { da: Nøgletal, sv: Nyckeltal, en: Key figures }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: indicator, kind: key, label: { da: Nøgletal, sv: Nyckeltal, en: Indicator } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: amount_minor, kind: money, label: { da: Beløb (kr.), sv: Belopp (kr), en: Amount } }
--   - { name: value, kind: number, label: { da: Værdi, sv: Värde, en: Value } }
-- persons: persons
-- order: period, municipality, indicator
-- position: 190
-- ---
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
