-- ---
-- title: { da: Koncentration og Gini, sv: Koncentration och Gini, en: Concentration and Gini }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: grp, kind: key, label: { da: Alder, sv: Ålder, en: Age } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: gini, kind: number, label: { da: Gini, sv: Gini, en: Gini } }
-- persons: persons
-- dimensions:
--   - { column: grp, total: all }
-- # the cost ranking of each age group; and the persons of all ages (mart_department_matrix's diagonal is a part)
-- ranked:
--   - { name: cost, by: [ period, municipality, grp ], persons: persons, side: all }
--   - { name: persons, by: [ period, municipality ], persons: persons, side: { column: grp, values: { all: all } } }
-- order: period, municipality, grp
-- position: 20
-- ---
-- Concentration: Gini, top shares, Lorenz points, cost intervals and the headline table (BRIEF §1.1).
{{ replace_table(mart_concentration) }} AS
SELECT period, municipality, grp, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor,
  CASE WHEN sum(cost_minor) = 0 THEN NULL
    ELSE (2.0 * sum(rn::{{ type(int128) }} * cost_minor)::{{ type(double) }}) / (count(*)::{{ type(double) }} * sum(cost_minor)::{{ type(double) }})
      - (count(*) + 1)::{{ type(double) }} / count(*)::{{ type(double) }} END AS gini
FROM an_ranked GROUP BY period, municipality, grp;
