-- Exact integer helpers for the costing SQL (floor division that rounds towards −∞).

CREATE OR REPLACE TEMP MACRO cost_floordiv(a, b) AS ((a // b) - CASE WHEN (a % b) < 0 THEN 1 ELSE 0 END);
-- Floor division of HUGEINTs whose quotient is below 2^50 (10^15: øre shares, volumes × 10^4): DuckDB's
-- 128-bit division is slow, so estimate in DOUBLE (off by at most 1 there) and correct with exact arithmetic.
CREATE OR REPLACE TEMP MACRO cost_qest(a, b) AS floor(a::DOUBLE / b::DOUBLE)::HUGEINT;
CREATE OR REPLACE TEMP MACRO cost_qfix(a, b, q) AS (q + CASE WHEN a - q * b < 0 THEN -1 WHEN a - q * b >= b THEN 1 ELSE 0 END);
CREATE OR REPLACE TEMP MACRO cost_floordiv_big(a, b) AS cost_qfix(a, b, cost_qest(a, b));
