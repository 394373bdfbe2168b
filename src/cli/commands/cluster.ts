import { userInfo } from 'node:os';
import path from 'node:path';
import { DEMO_CLUSTER_FILE, loadClusterPath } from '../../cluster/load.js';
import type { ClusterActor } from '../../cluster/store.js';
import { t } from '../../core/messages.js';
import type { RegisterCommand } from '../context.js';
import type { Output } from '../output.js';
import { openCommandStore } from './server.js';

/** Who loads from the command line: the secretariat's right, named in the audit trail as cli:<os user>. */
function cliActor(): ClusterActor {
  let who = 'unknown';
  try {
    who = userInfo().username;
  } catch {
    // no user name on this system (a container without a passwd entry): the audit says cli:unknown
  }
  return { id: `cli:${who}`, roles: ['cluster_secretariat'] };
}

export const registerCluster: RegisterCommand = (program, ctx) => {
  const cluster = program.command('cluster').description(ctx.help('cluster.about'));

  const load = async (file: string, cmd: Parameters<typeof ctx.output>[0]) => {
    const out: Output = ctx.output(cmd);
    const { store, where } = await openCommandStore(ctx, cmd);
    try {
      const s = await loadClusterPath(store, cliActor(), file);
      const name = path.basename(file);
      const detail = Object.entries(s.changed)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      out.info(
        s.total === 0
          ? t(out.lang, 'cluster-data.cli.unchanged', { file: name, where: where.shown })
          : t(out.lang, 'cluster-data.cli.loaded', {
              file: name,
              where: where.shown,
              total: s.total,
              detail,
            }),
      );
      out.info(t(out.lang, 'cluster-data.cli.next'));
      out.result({ file, store: where.shown, kind: store.kind, changed: s.changed, total: s.total });
    } finally {
      await store.close();
    }
  };

  cluster
    .command('load')
    .description(ctx.help('cluster.load.about'))
    .argument('<file>', ctx.help('cluster.load.arg.file'))
    .action(async (file: string, _opts: unknown, cmd) => load(file, cmd));

  cluster
    .command('demo')
    .description(ctx.help('cluster.demo.about'))
    .action(async (_opts: unknown, cmd) => load(DEMO_CLUSTER_FILE, cmd));
};
