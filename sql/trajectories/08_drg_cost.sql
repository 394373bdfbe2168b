-- Regional cost of each contact without KMF: the DRG/DAGS value of a hospital contact (the rate table's tariff
-- for its group and year of discharge, or its own tariff) and the fee of a practice contact, next to its KMF.
-- cost_person gets method 'drg' rows for the years whose basis is DRG (${drg_in_cost}); KMF rows keep the others.
-- drg_contact is a view over kmf_contact and the run's rate table: one row per contact, as a table had, but nothing
-- written per contact (≈ 88 M rows at 6 M persons; writing them cost as much CPU as computing KMF).
{{ replace_table(drg_contact_rate) }} AS
SELECT year, code, tariff_minor, verified FROM traj_drg_rate;

DROP VIEW IF EXISTS drg_contact;
CREATE VIEW drg_contact AS
WITH x AS (
  -- kmf_contact carries each contact's own tariff or fee and its group: no join back to the contacts, whose import
  -- and row do not identify them (a glob source numbers its rows per file)
  SELECT k.source, k.contact_id, k.import_id, k.row_no, k.person_key, k.stay_id, k.period, k.municipality,
         k.contact_date, k.year, k.rate_kind, k.catalogue_code, k.volume, k.kmf_minor, k.status AS kmf_status,
         k.drg_code, k.own_minor
  FROM kmf_contact k
), r AS (
  SELECT x.*, t.tariff_minor AS table_minor, t.verified AS table_verified,
         CASE WHEN t.tariff_minor IS NOT NULL AND (NOT ${prefer_own} OR x.own_minor IS NULL) THEN 'drg_table'
              WHEN x.own_minor IS NOT NULL AND x.source = 'gp' THEN 'practice_fee'
              WHEN x.own_minor IS NOT NULL THEN 'contact_tariff' END AS basis
  FROM x LEFT JOIN drg_contact_rate t ON t.year = x.year AND t.code = x.drg_code
)
SELECT source, contact_id, import_id, row_no, person_key, stay_id, period, municipality, contact_date, year, rate_kind,
       catalogue_code, volume, drg_code, own_minor, table_minor,
       CAST(CASE WHEN basis = 'drg_table' THEN table_minor ELSE coalesce(own_minor, 0) END AS BIGINT) AS drg_minor,
       basis, -- drg_table, contact_tariff, practice_fee; NULL: nothing to price (status no_tariff)
       basis = 'drg_table' AND coalesce(table_verified, false) AS table_verified,
       CASE WHEN basis IS NULL THEN 'no_tariff' ELSE 'ok' END AS status,
       kmf_minor, kmf_status,
       CASE WHEN ${drg_in_cost} THEN 'drg' ELSE 'kmf' END AS cost_basis -- the basis of cost_person's regional rows
FROM r;

DELETE FROM cost_person WHERE method = 'drg';
INSERT INTO cost_person (period, municipality, person_key, catalogue_code, department, sector, law_ref, method, unit,
                         volume, cost_minor)
SELECT d.period, d.municipality, d.person_key, d.catalogue_code, 'Region', 'regional', c.law_ref, 'drg', c.unit,
       d.volume, d.cost_minor
FROM (
  SELECT period, municipality, person_key, catalogue_code,
         CAST(sum(volume) AS DECIMAL(18, 4)) AS volume, CAST(sum(drg_minor) AS BIGINT) AS cost_minor
  FROM drg_contact
  WHERE cost_basis = 'drg' AND basis IS NOT NULL
  GROUP BY period, municipality, person_key, catalogue_code
) d LEFT JOIN traj_catalogue c ON c.code = d.catalogue_code;

-- Both bases side by side per period, year and source; cost_basis says which one cost_person carries.
{{ replace_table(regional_cost_year) }} AS
SELECT period, year, source, cost_basis,
       count(*) AS contacts,
       count(basis) AS drg_priced,
       count(*) FILTER (WHERE basis = 'drg_table') AS drg_from_table,
       count(*) FILTER (WHERE kmf_status = 'ok') AS kmf_priced,
       CAST(coalesce(sum(kmf_minor), 0) AS BIGINT) AS kmf_minor,
       CAST(coalesce(sum(drg_minor), 0) AS BIGINT) AS drg_minor,
       CAST(coalesce(CASE WHEN cost_basis = 'drg' THEN sum(drg_minor) ELSE sum(kmf_minor) END, 0) AS BIGINT) AS cost_minor
FROM drg_contact
GROUP BY period, year, source, cost_basis
ORDER BY period, year, source;
