-- Exact integer helpers for the costing SQL (floor division that rounds towards −∞).

{{ macro cost_floordiv(a int128, b int128) returns int128:
  ({{ intdiv(a, b) }} - CASE WHEN (a % b) < 0 THEN 1 ELSE 0 END) }};
-- Floor division of HUGEINTs whose quotient is below 2^50 (10^15: øre shares, volumes × 10^4): DuckDB's
-- 128-bit division is slow, so estimate in DOUBLE (off by at most 1 there) and correct with exact arithmetic.
{{ macro cost_qest(a int128, b int128) returns int128:
  floor(a::{{ type(double) }} / b::{{ type(double) }})::{{ type(int128) }} }};
{{ macro cost_qfix(a int128, b int128, q int128) returns int128:
  (q + CASE WHEN a - q * b < 0 THEN -1 WHEN a - q * b >= b THEN 1 ELSE 0 END) }};
{{ macro cost_floordiv_big(a int128, b int128) returns int128: cost_qfix(a, b, cost_qest(a, b)) }};
