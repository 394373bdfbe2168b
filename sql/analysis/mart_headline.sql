-- ---
-- title: { da: Hovedtabel, sv: Huvudtabell, en: Headline table }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: segment, kind: key, label: { da: Gruppe, sv: Grupp, en: Group } }
--   - { name: pct, kind: number, label: { da: Procent af borgerne, sv: Procent av personerna, en: Per cent of citizens } }
--   - { name: age_from, kind: number, label: { da: Alder fra, sv: Ålder från, en: Age from } }
--   - { name: age_to, kind: number, label: { da: Alder til, sv: Ålder till, en: Age to } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: persons_share, kind: share, label: { da: Andel af borgerne, sv: Andel av personerna, en: Share of citizens } }
--   - { name: cost_share, kind: share, label: { da: Andel af udgiften, sv: Andel av kostnaden, en: Share of cost } }
--   - { name: inhabitants, kind: count, label: { da: Indbyggere, sv: Invånare, en: Inhabitants } }
--   - { name: inhabitant_share, kind: share, label: { da: Andel af indbyggerne, sv: Andel av invånarna, en: Share of inhabitants } }
-- persons: persons
-- ranked:
--   - { name: headline, by: [ period, municipality ], persons: persons, side: { column: segment, values: { all: all, top: dearest, bottom: cheapest } }, amount: true }
-- order: period, municipality, segment
-- position: 10
-- ---
-- The headline table: persons aged ${age_from}–${age_to} with services, their cost, the top and bottom shares.
{{ replace_table(mart_headline) }} AS
WITH h AS (
  SELECT period, municipality, cost_minor,
    row_number() OVER (PARTITION BY period, municipality ORDER BY cost_minor) AS rn,
    sum(cost_minor) OVER (PARTITION BY period, municipality ORDER BY cost_minor
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)::{{ type(int128) }} AS cum_minor
  FROM an_person WHERE in_scope AND age BETWEEN ${age_from} AND ${age_to}
), tot AS (
  SELECT period, municipality, count(*)::BIGINT AS n, sum(cost_minor)::BIGINT AS total,
    least(count(*), greatest(1, round(count(*) * ${top_pct} / 100.0)))::BIGINT AS k_top,
    round(count(*) * ${bottom_pct} / 100.0)::BIGINT AS k_bottom
  FROM h GROUP BY period, municipality
), agg AS (
  SELECT period, municipality, 'all' AS segment, NULL::{{ type(double) }} AS pct, n AS persons, total AS cost_minor FROM tot
  UNION ALL
  SELECT t.period, t.municipality, 'top', ${top_pct}, t.k_top, (t.total - coalesce(h.cum_minor, 0))::BIGINT
  FROM tot t LEFT JOIN h ON h.period = t.period AND h.municipality = t.municipality AND h.rn = t.n - t.k_top
  UNION ALL
  SELECT t.period, t.municipality, 'bottom', ${bottom_pct}, t.k_bottom, coalesce(h.cum_minor, 0)::BIGINT
  FROM tot t LEFT JOIN h ON h.period = t.period AND h.municipality = t.municipality AND h.rn = t.k_bottom
), inh AS (
  SELECT p.id AS period, po.municipality, sum(po.count)::BIGINT AS inhabitants
  FROM population po JOIN an_period p ON po.year = {{ year(p.from_date) }}
  WHERE po.age BETWEEN ${age_from} AND ${age_to} GROUP BY p.id, po.municipality
)
SELECT a.period, a.municipality, a.segment, a.pct, ${age_from} AS age_from, ${age_to} AS age_to,
  a.persons, a.cost_minor,
  CASE WHEN t.n > 0 THEN a.persons::{{ type(double) }} / t.n::{{ type(double) }} END AS persons_share,
  CASE WHEN t.total = 0 THEN NULL ELSE a.cost_minor::{{ type(double) }} / t.total::{{ type(double) }} END AS cost_share,
  inh.inhabitants,
  CASE WHEN inh.inhabitants > 0 THEN a.persons::{{ type(double) }} / inh.inhabitants::{{ type(double) }} END AS inhabitant_share
FROM agg a
JOIN tot t USING (period, municipality)
LEFT JOIN inh ON inh.period = a.period AND inh.municipality = a.municipality;
