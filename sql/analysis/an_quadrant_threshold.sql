-- Municipal × regional quadrant: persons expensive or cheap in each sector (BRIEF §1.1: few are both).
{{ replace_temp_table(an_quadrant_threshold) }} AS
SELECT period, municipality,
  coalesce(${municipal_threshold}, 0)::BIGINT AS municipal_threshold_minor,
  coalesce(${regional_threshold}, 0)::BIGINT AS regional_threshold_minor
FROM an_person GROUP BY period, municipality;
