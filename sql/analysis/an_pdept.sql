-- Each person's municipal departments in scope (the overlap marts read it too); regional rows are "Region".
{{ replace_temp_table(an_pdept) }} AS
SELECT period, municipality, pid, department
FROM an_cost WHERE in_scope AND NOT is_regional AND department IS NOT NULL
GROUP BY period, municipality, pid, department;
