{{ replace_temp_view(an_quadrant) }} AS
SELECT p.pid, p.period, p.municipality, p.municipal_minor, p.regional_minor, p.age,
  th.municipal_threshold_minor, th.regional_threshold_minor,
  CASE WHEN p.municipal_minor > 0 AND p.municipal_minor >= th.municipal_threshold_minor THEN 'high' ELSE 'low' END
  || '_' ||
  CASE WHEN p.regional_minor > 0 AND p.regional_minor >= th.regional_threshold_minor THEN 'high' ELSE 'low' END
    AS quadrant
FROM an_person p JOIN an_quadrant_threshold th USING (period, municipality);
