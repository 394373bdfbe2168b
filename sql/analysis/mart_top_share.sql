-- ---
-- title: { da: De dyreste borgeres andel, sv: De dyraste personernas andel, en: Share of the most expensive }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: grp, kind: key, label: { da: Alder, sv: Ålder, en: Age } }
--   - { name: pct, kind: key, label: { da: Dyreste procent, sv: Dyraste procent, en: Top per cent } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: cost_minor, kind: money, label: { da: Udgift (kr.), sv: Kostnad (kr), en: Cost (DKK/SEK) } }
--   - { name: share, kind: share, label: { da: Andel af udgiften, sv: Andel av kostnaden, en: Share of cost } }
-- persons: persons
-- ranked:
--   - { name: cost, by: [ period, municipality, grp ], persons: persons, side: dearest, amount: true }
-- order: period, municipality, grp, pct
-- position: 30
-- ---
-- Top x %: the round(n·x/100) (at least 1) most expensive persons = the total minus the cheapest n − k.
{{ replace_table(mart_top_share) }} AS
WITH k AS (
  SELECT c.period, c.municipality, c.grp, c.persons AS n, c.cost_minor AS total, t.pct,
    least(c.persons, greatest(1, round(c.persons * t.pct / 100.0)))::BIGINT AS k
  FROM mart_concentration c CROSS JOIN an_top_pct t
)
SELECT k.period, k.municipality, k.grp, k.pct, k.k AS persons,
  (k.total - coalesce(r.cum_minor, 0))::BIGINT AS cost_minor,
  CASE WHEN k.total = 0 THEN NULL ELSE (k.total - coalesce(r.cum_minor, 0))::{{ type(double) }} / k.total::{{ type(double) }} END AS share
FROM k LEFT JOIN an_ranked r
  ON r.period = k.period AND r.municipality = k.municipality AND r.grp = k.grp AND r.rn = k.n - k.k;
