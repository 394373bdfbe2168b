import type { RegisterCommand } from '../context.js';
import { registerAnalyse } from './analyse.js';
import { registerAudit } from './audit.js';
import { registerCatalogue } from './catalogue.js';
import { registerCheck } from './check.js';
import { registerCluster } from './cluster.js';
import { registerCost } from './cost.js';
import { registerDecide } from './decide.js';
import { registerDemo } from './demo.js';
import { registerFederation } from './federation.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerLineage } from './lineage.js';
import { registerOverview } from './overview.js';
import { registerReport } from './report.js';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';
import { registerServer } from './server.js';
import { registerTrajectories } from './trajectories.js';

/** Every CLI command, in the order `--help` lists them (the data flow). */
export const commands: RegisterCommand[] = [
  registerInit,
  registerDemo,
  registerCatalogue,
  registerImport,
  registerCheck,
  registerCost,
  registerTrajectories,
  registerAnalyse,
  registerReport,
  registerLineage,
  registerDecide,
  registerRun,
  registerServe,
  registerServer,
  registerCluster,
  registerFederation,
  registerOverview,
  registerAudit,
];
