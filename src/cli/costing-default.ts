import { t, userError } from '../core/messages.js';
import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import type { Output } from './output.js';

/**
 * Before costing: a config without `costing:` costs services by the amounts on their own records (the
 * schema's default), so one department extract with amounts still yields cost → analyse → report; say so.
 * A ledger cannot be costed that way: an error naming the key.
 */
export async function costingWorkspace(ws: Workspace, engine: Engine, out: Output): Promise<Workspace> {
  if (!ws.impliedCosting) return ws;
  const { n } = await engine.one<{ n: bigint }>(`SELECT count(*) AS n FROM ledger`);
  if (n > 0n)
    throw userError(
      'cli.costing.ledger_no_costing',
      { n: n.toString() },
      { file: ws.configPath, key: 'costing' },
    );
  out.warn(t(out.lang, 'cli.costing.implied'));
  return ws;
}
