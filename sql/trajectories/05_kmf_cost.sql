-- KMF into the person-level cost table as the regional sector (replacing earlier kmf rows only), and invoice reconciliation.
CREATE TABLE IF NOT EXISTS cost_person (
  period VARCHAR, municipality VARCHAR, person_key BIGINT, catalogue_code VARCHAR, department VARCHAR,
  sector VARCHAR, law_ref VARCHAR, method VARCHAR, unit VARCHAR, volume DECIMAL(18, 4), cost_minor BIGINT
);
DELETE FROM cost_person WHERE method = 'kmf';
INSERT INTO cost_person (period, municipality, person_key, catalogue_code, department, sector, law_ref, method, unit,
                         volume, cost_minor)
SELECT k.period, k.municipality, k.person_key, k.catalogue_code, 'Region', 'regional', c.law_ref, 'kmf', c.unit,
       k.volume, k.cost_minor
FROM (
  SELECT period, municipality, person_key, catalogue_code,
         CAST(sum(volume) AS DECIMAL(18, 4)) AS volume, CAST(sum(kmf_minor) AS BIGINT) AS cost_minor
  FROM kmf_contact
  WHERE ${kmf_priced} -- false when KMF was skipped (nothing to price): 0 kr would read as a real regional cost
  GROUP BY period, municipality, person_key, catalogue_code
) k LEFT JOIN traj_catalogue c ON c.code = k.catalogue_code;

{{ replace_table(kmf_reconciliation) }} AS
SELECT period, municipality, source,
       count(*) AS contacts,
       count(invoiced_minor) AS invoiced_contacts,
       CAST(sum(kmf_minor) AS BIGINT) AS computed_minor,
       CAST(coalesce(sum(kmf_minor) FILTER (WHERE invoiced_minor IS NOT NULL), 0) AS BIGINT) AS computed_invoiced_minor,
       CAST(coalesce(sum(invoiced_minor), 0) AS BIGINT) AS invoiced_minor,
       CAST(coalesce(sum(invoiced_minor), 0) - coalesce(sum(kmf_minor) FILTER (WHERE invoiced_minor IS NOT NULL), 0) AS BIGINT)
         AS difference_minor,
       abs(coalesce(sum(invoiced_minor), 0) - coalesce(sum(kmf_minor) FILTER (WHERE invoiced_minor IS NOT NULL), 0))
         > ${tolerance_minor} AS deviation
FROM kmf_contact
GROUP BY period, municipality, source
HAVING count(invoiced_minor) > 0
ORDER BY period, municipality, source;
