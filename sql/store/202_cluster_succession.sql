-- Organisations that change (issue 20 item 4, docs/cluster.md "Organisations that change"): an
-- organisation's validity and successor (Region Sjælland and Region Hovedstaden merged into Region
-- Østdanmark on 2027-01-01), the cluster itself and the health councils (sundhedsråd) with their
-- member municipalities, and a council's takeover of the cluster's funds and projects from a date.

ALTER TABLE cluster_org DROP CONSTRAINT cluster_org_kind_check;
ALTER TABLE cluster_org ADD CONSTRAINT cluster_org_kind_check
  CHECK (kind IN ('municipality', 'region', 'hospital', 'general_practice', 'cluster', 'health_council'));
ALTER TABLE cluster_org ADD COLUMN valid_from date;
ALTER TABLE cluster_org ADD COLUMN valid_to date;
-- the organisation continuing it the day after valid_to (checked by the loader; it may be listed later)
ALTER TABLE cluster_org ADD COLUMN successor text;
ALTER TABLE cluster_org ADD COLUMN succession text CHECK (succession IN ('succeeded_by', 'merged_into'));
-- a health council's member municipalities (cluster_org ids)
ALTER TABLE cluster_org ADD COLUMN members text[];
ALTER TABLE cluster_org ADD CONSTRAINT cluster_org_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to);

-- A health council takes over a cluster's funds and projects with their history from a date: the
-- years from then on are held and settled by the council, the earlier ones stay the cluster's.
CREATE TABLE cluster_takeover (
  from_org text PRIMARY KEY REFERENCES cluster_org (id),
  to_org text NOT NULL REFERENCES cluster_org (id),
  takes_over date NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
