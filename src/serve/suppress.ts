/**
 * The server's suppression now lives in the publish stage (src/publish): the one path from the
 * warehouse to a person. Kept as a re-export for the modules and tests that import it from here.
 */
export {
  hiddenCells,
  hiddenCellsAll,
  protectClusterIndicator,
  publishForCli,
  SERVED_DEFS,
  suppressionDef,
  type HiddenCells,
  type HiddenReasons,
  type ServedTable,
  type SuppressionDef,
  type TableHidden,
} from '../publish/index.js';
