import type { Workspace } from '../config/workspace.js';
import type { Engine } from '../engine/engine.js';
import { UserError } from '../errors.js';
import { tr, type Text } from '../i18n.js';
import type { Output } from './output.js';

const T = {
  implied: {
    da: 'Ingen costing: i tvaerblik.yaml og ingen posteringer: ydelserne får beløbet på deres egne rækker som udgift (metode record_amount).',
    sv: 'Ingen costing: i tvaerblik.yaml och inga bokföringsrader: insatserna får beloppet på sina egna rader som kostnad (metod record_amount).',
    en: 'No costing: in tvaerblik.yaml and no ledger: services are costed by the amounts on their own records (method record_amount).',
  },
  ledgerNoCosting: {
    da: 'Varehuset har {n} posteringer, men tvaerblik.yaml har ingen costing:',
    sv: 'Lagret har {n} bokföringsrader, men tvaerblik.yaml har ingen costing:',
    en: 'The warehouse holds {n} ledger lines, but tvaerblik.yaml has no costing:',
  },
  ledgerNoCostingHint: {
    da: 'tilføj costing: med translation_table og pools (se docs/costing.md og docs/config.md)',
    sv: 'lägg till costing: med translation_table och pools (se docs/costing.md och docs/config.md)',
    en: 'add costing: with translation_table and pools (see docs/costing.md and docs/config.md)',
  },
} satisfies Record<string, Text>;

/**
 * Before costing: a config without `costing:` costs services by the amounts on their own records (the
 * schema's default), so one department extract with amounts still yields cost → analyse → report; say so.
 * A ledger cannot be costed that way: an error naming the key.
 */
export async function costingWorkspace(ws: Workspace, engine: Engine, out: Output): Promise<Workspace> {
  if (!ws.impliedCosting) return ws;
  const { n } = await engine.one<{ n: bigint }>(`SELECT count(*) AS n FROM ledger`);
  if (n > 0n)
    throw new UserError(tr(T.ledgerNoCosting, out.lang, { n: n.toString() }), {
      file: ws.configPath,
      key: 'costing',
      hint: tr(T.ledgerNoCostingHint, out.lang),
    });
  out.warn(tr(T.implied, out.lang));
  return ws;
}
