-- The analysed persons ('all' and each age band), ranked by cost for the concentration marts. Ties need no
-- tie-break: every figure read from the ranking (cumulative sums, Σ rank·cost) is the same for any order of equals.
{{ replace_temp_table(an_ranked) }} AS
WITH g AS (
  SELECT period, municipality, 'all' AS grp, cost_minor FROM an_person WHERE in_scope
  UNION ALL
  SELECT period, municipality, age_band, cost_minor FROM an_person WHERE in_scope
)
SELECT *,
  row_number() OVER (PARTITION BY period, municipality, grp ORDER BY cost_minor) AS rn,
  sum(cost_minor) OVER (PARTITION BY period, municipality, grp ORDER BY cost_minor
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)::{{ type(int128) }} AS cum_minor
FROM g;
