-- Exact integer helpers for the costing SQL (floor division that rounds towards −∞).

CREATE OR REPLACE TEMP MACRO cost_floordiv(a, b) AS ((a // b) - CASE WHEN (a % b) < 0 THEN 1 ELSE 0 END);
-- Floor division of HUGEINTs whose quotient is below 2^53: DuckDB's 128-bit division is slow, so estimate
-- in DOUBLE and correct twice by one step with exact 128-bit multiplication (the estimate is off by ≤ 1).
CREATE OR REPLACE TEMP MACRO cost_qest(a, b) AS floor(a::DOUBLE / b::DOUBLE)::HUGEINT;
CREATE OR REPLACE TEMP MACRO cost_qfix(a, b, q) AS (q + CASE WHEN a - q * b < 0 THEN -1 WHEN a - q * b >= b THEN 1 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO cost_floordiv_big(a, b) AS cost_qfix(a, b, cost_qfix(a, b, cost_qest(a, b)));
