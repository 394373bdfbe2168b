-- ---
-- title: { da: Lorenzkurve, sv: Lorenzkurva, en: Lorenz curve }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: grp, kind: key, label: { da: Alder, sv: Ålder, en: Age } }
--   - { name: point, kind: key, label: { da: Punkt, sv: Punkt, en: Point } }
--   - { name: person_share, kind: share, label: { da: Andel af borgerne, sv: Andel av personerna, en: Share of citizens } }
--   - { name: persons_cum, kind: count, label: { da: Borgere (kumuleret), sv: Personer (kumulativt), en: Citizens (cumulative) } }
--   - { name: cost_cum_minor, kind: money, label: { da: Udgift (kumuleret), sv: Kostnad (kumulativ), en: Cost (cumulative) } }
--   - { name: cost_share, kind: share, label: { da: Andel af udgiften, sv: Andel av kostnaden, en: Share of cost } }
-- # a point is judged by the persons below it; no step count is published (between two published
-- # points it follows from them and is ≥ threshold; beside a hidden point it would be a small count)
-- persons: persons_cum
-- ranked:
--   - { name: cost, by: [ period, municipality, grp ], persons: persons_cum, side: cheapest, amount: true }
-- order: period, municipality, grp, point
-- position: 40
-- ---
-- Lorenz: the cumulative cost share of the cheapest 0, 5, …, 100 % of persons.
{{ replace_table(mart_lorenz) }} AS
WITH pts AS (
  SELECT c.period, c.municipality, c.grp, c.cost_minor AS total, q.point,
    round(c.persons * q.point / 20.0)::BIGINT AS k
  FROM mart_concentration c CROSS JOIN (SELECT point FROM generate_series(0, 20) AS s(point)) q
), pt AS (
  SELECT pts.*, coalesce(r.cum_minor, 0)::BIGINT AS cost_cum_minor
  FROM pts LEFT JOIN an_ranked r ON r.period = pts.period AND r.municipality = pts.municipality
    AND r.grp = pts.grp AND r.rn = pts.k
)
SELECT period, municipality, grp, point::INTEGER AS point, point / 20.0 AS person_share, k AS persons_cum,
  cost_cum_minor,
  CASE WHEN total = 0 THEN NULL ELSE cost_cum_minor::{{ type(double) }} / total::{{ type(double) }} END AS cost_share
FROM pt;
