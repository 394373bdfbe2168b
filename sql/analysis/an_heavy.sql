-- Resource-heavy persons (cost ≥ the heavy threshold, aged ${heavy_age_from}–${heavy_age_to} as in Aalborg's target-group
-- analysis): who they are, which laws, services and departments.
{{ replace_temp_table(an_heavy) }} AS
SELECT * FROM an_person
WHERE in_scope AND cost_minor >= ${heavy_minor} AND age BETWEEN ${heavy_age_from} AND ${heavy_age_to};
