-- Match ledger lines to translation-table rules once per distinct code combination (not per line). Views: the
-- ledger is small and index.ts reads the result once (and again only to list the lines of a stop).

{{ macro cost_match(v varchar, kind varchar, a varchar, b varchar) returns boolean: CASE kind
  WHEN 'any' THEN true
  WHEN 'exact' THEN v = a
  WHEN 'like' THEN {{ like_escape(v, a, '\') }}
  WHEN 'numrange' THEN {{ digits_only(v) }}
    AND {{ try_cast_int128(v) }} BETWEEN {{ try_cast_int128(a) }} AND {{ try_cast_int128(b) }}
  WHEN 'strrange' THEN v BETWEEN a AND b
  ELSE false END }};

{{ replace_temp_view(cost_work_combo) }} AS
SELECT row_number() OVER (ORDER BY account, activity, responsibility, project, counterpart) AS combo_id, *
FROM (
  SELECT coalesce(account, '') AS account, coalesce(activity, '') AS activity,
         coalesce(responsibility, '') AS responsibility, coalesce(project, '') AS project,
         coalesce(counterpart, '') AS counterpart
  FROM ledger
  GROUP BY coalesce(account, ''), coalesce(activity, ''), coalesce(responsibility, ''), coalesce(project, ''),
           coalesce(counterpart, '')
) AS combo;

{{ replace_temp_view(cost_work_combo_rule) }} AS
WITH hits AS (
  SELECT c.combo_id, r.rule_no, r.priority,
         max(r.priority) OVER (PARTITION BY c.combo_id) AS top
  FROM cost_work_combo c JOIN cost_work_rule r
    ON cost_match(c.account, r.account_kind, r.account_a, r.account_b)
   AND cost_match(c.activity, r.activity_kind, r.activity_a, r.activity_b)
   AND cost_match(c.responsibility, r.responsibility_kind, r.responsibility_a, r.responsibility_b)
   AND cost_match(c.project, r.project_kind, r.project_a, r.project_b)
   AND cost_match(c.counterpart, r.counterpart_kind, r.counterpart_a, r.counterpart_b)
)
SELECT c.combo_id, count(h.rule_no) AS winners, min(h.rule_no) AS rule_no, {{ list_agg(h.rule_no ORDER BY h.rule_no) }} AS rule_nos
FROM cost_work_combo c LEFT JOIN hits h ON h.combo_id = c.combo_id AND h.priority = h.top
GROUP BY c.combo_id;

-- Ledger amounts per period, municipality and deciding rule (rule_no NULL = unmatched, winners > 1 = doubly matched).
{{ replace_temp_view(cost_work_ledger_rule) }} AS
SELECT l.period, l.municipality, cr.rule_no, cr.winners, count(*) AS lines, sum(l.amount_minor)::BIGINT AS amount_minor
FROM ledger l
JOIN cost_work_combo c
  ON c.account = coalesce(l.account, '') AND c.activity = coalesce(l.activity, '')
 AND c.responsibility = coalesce(l.responsibility, '') AND c.project = coalesce(l.project, '')
 AND c.counterpart = coalesce(l.counterpart, '')
JOIN cost_work_combo_rule cr ON cr.combo_id = c.combo_id
GROUP BY l.period, l.municipality, cr.rule_no, cr.winners;
