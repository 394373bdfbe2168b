-- A health cluster's indicators with targets (issue 16 item 7, docs/cluster.md "Indicators"): the
-- targets declared in the cluster file and the values the analysis warehouse does not hold (e.g.
-- referrals from the hospital to municipal smoking cessation), reported per member and period.
-- A member's municipality code ties it to the warehouse's cluster_indicator rows.

ALTER TABLE cluster_org ADD COLUMN municipality text;

CREATE TABLE cluster_indicator_def (
  id text PRIMARY KEY,
  title text NOT NULL,
  -- 'reported': values in cluster_indicator_value; 'warehouse': cluster_indicator of the analysis warehouse
  source text NOT NULL CHECK (source IN ('reported', 'warehouse')),
  warehouse_indicator text,
  warehouse_cluster text,
  better text NOT NULL CHECK (better IN ('higher', 'lower')),
  baseline_period text NOT NULL,
  -- exactly one of the two: a change from the baseline in percent (+50, -10) or a value to reach
  target_change_pct numeric,
  target_value numeric,
  follow_up text,
  note text,
  CHECK ((target_change_pct IS NULL) <> (target_value IS NULL)),
  CHECK (source = 'reported' OR (warehouse_indicator IS NOT NULL AND warehouse_cluster IS NOT NULL))
);

-- Reported values: one per indicator, member and period; a new report replaces it (audited from → to).
CREATE TABLE cluster_indicator_value (
  indicator text NOT NULL REFERENCES cluster_indicator_def (id) ON DELETE CASCADE,
  org text NOT NULL REFERENCES cluster_org (id),
  period text NOT NULL,
  value bigint NOT NULL CHECK (value >= 0),
  reported_by text NOT NULL,
  reported_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (indicator, org, period)
);
