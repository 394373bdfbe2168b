// The formula guard lives in core, so stages (ingest, costing) can use it without importing the report.
export { escapeFormula, sheetValue } from '../core/escape.js';
