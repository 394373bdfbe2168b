import { texts } from '../core/messages.js';

/** User-facing texts of the trajectories stage, from locales/*.json under `trajectories.`. */
export const msg = texts('trajectories', [
  'progress',
  'stays',
  'readmissions',
  'kmf',
  'kmfMissing',
  'invoice',
  'transitions',
  'indicators',
  'noRates',
  'noRatesHint',
  'kmfSkipped',
  'kmfAbolished',
  'drg',
  'timelineAudit',
  'timelineEmpty',
] as const);
