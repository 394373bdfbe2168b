-- Overlaps between departments (snitflader): 1/2/3+ departments, the department × department matrix.
{{ replace_table(mart_department_count) }} AS
WITH p AS (
  SELECT period, municipality, CASE WHEN departments >= 3 THEN '3+' ELSE departments::VARCHAR END AS departments,
    cost_minor
  FROM an_person WHERE in_scope AND departments > 0
)
SELECT period, municipality, departments, count(*)::BIGINT AS persons, sum(cost_minor)::BIGINT AS cost_minor
FROM p GROUP BY period, municipality, departments
UNION ALL
SELECT period, municipality, '*', count(*)::BIGINT, sum(cost_minor)::BIGINT FROM p GROUP BY period, municipality;

-- Shared persons of two departments and their whole cost; the diagonal is the department's own persons.
{{ replace_table(mart_department_matrix) }} AS
WITH pd AS (SELECT * FROM an_pdept)
SELECT a.period, a.municipality, a.department AS department_a, b.department AS department_b,
  count(*)::BIGINT AS persons, sum(p.cost_minor)::BIGINT AS cost_minor
FROM pd a JOIN pd b USING (period, municipality, pid)
JOIN an_person p USING (period, municipality, pid)
GROUP BY a.period, a.municipality, a.department, b.department;

-- For each chosen group: the share also served by each other department, and by any other department.
{{ replace_table(mart_group_overlap) }} AS
WITH gm AS (
  SELECT DISTINCT period, municipality, group_id, pid FROM an_group_member
), pd AS (
  SELECT * FROM an_pdept
), own AS (
  -- the group's own department: as configured, else the department serving most of its members
  SELECT period, municipality, group_id, department FROM (
    SELECT gm.period, gm.municipality, gm.group_id, coalesce(g.department, pd.department) AS department,
      row_number() OVER (PARTITION BY gm.period, gm.municipality, gm.group_id
        ORDER BY (g.department IS NOT NULL AND g.department = pd.department) DESC, count(*) DESC, pd.department) AS rn
    FROM gm JOIN pd USING (period, municipality, pid) JOIN an_group g ON g.group_id = gm.group_id
    GROUP BY gm.period, gm.municipality, gm.group_id, g.department, pd.department
  ) ranked WHERE rn = 1
), other AS (
  SELECT gm.period, gm.municipality, gm.group_id, gm.pid, pd.department
  FROM gm JOIN pd USING (period, municipality, pid)
  JOIN own o ON o.period = gm.period AND o.municipality = gm.municipality AND o.group_id = gm.group_id
  WHERE pd.department <> o.department
), sizes AS (
  SELECT period, municipality, group_id, count(*)::BIGINT AS group_persons FROM gm GROUP BY period, municipality, group_id
), cells AS (
  SELECT period, municipality, group_id, department, count(DISTINCT pid)::BIGINT AS persons FROM other GROUP BY period, municipality, group_id, department
  UNION ALL
  SELECT period, municipality, group_id, '*any*', count(DISTINCT pid)::BIGINT FROM other GROUP BY period, municipality, group_id
)
SELECT s.period, s.municipality, s.group_id, c.department, s.group_persons,
  coalesce(c.persons, 0) AS persons, coalesce(c.persons, 0)::{{ type(double) }} / s.group_persons::{{ type(double) }} AS share
FROM sizes s LEFT JOIN cells c USING (period, municipality, group_id);
