/**
 * The report reads its tables from the one publish path (src/publish): every mart whole, suppressed
 * once, so the HTML report and the Excel workbook show the same hidden cells as the API and the CLI.
 */
export { MART_TABLES, martTable, publishMarts, type MartTable, type ReportColumn } from '../publish/index.js';
