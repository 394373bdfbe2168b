-- ---
-- title: { da: Valgt gruppe på tværs, sv: Vald grupp över förvaltningar, en: Chosen group across departments }
-- columns:
--   - { name: period, kind: key, label: { da: Periode, sv: Period, en: Period } }
--   - { name: municipality, kind: key, label: { da: Kommune, sv: Kommun, en: Municipality } }
--   - { name: group_id, kind: key, label: { da: Gruppe, sv: Grupp, en: Group } }
--   - { name: department, kind: key, label: { da: Anden forvaltning, sv: Annan förvaltning, en: Other department } }
--   - { name: group_persons, kind: persons, label: { da: Borgere i gruppen, sv: Personer i gruppen, en: Citizens in group } }
--   - { name: persons, kind: persons, label: { da: Borgere, sv: Personer, en: Citizens } }
--   - { name: share, kind: share, label: { da: Andel af gruppen, sv: Andel av gruppen, en: Share of group } }
-- persons: [ persons, group_persons ]
-- order: period, municipality, group_id, department
-- position: 100
-- ---
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
