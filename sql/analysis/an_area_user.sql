-- KPB analyses (BRIEF §1.4): user mix and outliers per area, unit costs, consumption by age, cost per result.
{{ replace_temp_table(an_area_user) }} AS
SELECT c.period, c.municipality, c.area, c.pid, sum(c.cost_minor)::BIGINT AS cost_minor
FROM an_cost c JOIN an_user_mix_area a ON a.area = c.area
GROUP BY c.period, c.municipality, c.area, c.pid;
