import { existsSync } from 'node:fs';
import { warnIfCostStaleIn } from '../../costing/freshness.js';
import { t, userError } from '../../core/messages.js';
import { lineageRoutes } from '../../serve/routes/lineage.js';
import { startServer } from '../../serve/server.js';
import { serviceNames } from '../../labels/services.js';
import { heavyLabels } from '../../labels/values.js';
import { analysisConfig } from '../../analysis/config.js';
import { workspaceCatalogue } from '../../core/paths.js';
import type { RegisterCommand } from '../context.js';
import { openCommandStore } from './server.js';

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

export const registerServe: RegisterCommand = (program, ctx) => {
  program
    .command('serve')
    .description(ctx.help('serve.about'))
    .option('--port <n>', ctx.help('serve.opt.port'), '8080')
    .option('--host <address>', ctx.help('serve.opt.host'), '127.0.0.1')
    .option('--allow-host <name...>', ctx.help('serve.opt.allow_host'))
    .option('--trust-proxy', ctx.help('serve.opt.trust_proxy'))
    .action(async (opts: { port: string; host: string; allowHost?: string[]; trustProxy?: boolean }, cmd) => {
      const out = ctx.output(cmd);
      const ws = ctx.workspace(cmd);
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) {
        throw userError('cli.serve.port', { value: opts.port }, { key: '--port' });
      }
      for (const name of opts.allowHost ?? []) {
        // a host name or an address as a browser sends it in Host, without port, scheme or path
        if (!/^([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+\.?$|^\[?[0-9A-Fa-f:.]+\]?$/.test(name)) {
          throw userError('cli.serve.host', { value: name.slice(0, 60) }, { key: '--allow-host' });
        }
      }
      if (!LOOPBACK.includes(opts.host)) {
        out.warn(t(out.lang, 'cli.serve.network', { host: opts.host }));
      }
      await warnIfCostStaleIn(ws, out);
      const cfg = analysisConfig(ws);
      // no warehouse: say so before opening the operational store (which takes a few seconds embedded)
      const warehouse = ws.resolve(ws.config.warehouse);
      if (!existsSync(warehouse)) throw userError('serve.no_warehouse', {}, { file: warehouse });
      // the operational store: users, sessions, audit trail ($TVAERBLIK_DATABASE_URL, else embedded in the workspace)
      const { store } = await openCommandStore(ctx, cmd);
      const running = await startServer({
        store,
        auth: ws.config.signin ? { signin: ws.config.signin } : {},
        trustProxy: opts.trustProxy === true,
        warehouse,
        config: ws.config,
        threshold: ws.config.suppression.threshold,
        port,
        host: opts.host,
        allowedHosts: opts.allowHost ?? [],
        valueLabels: heavyLabels(
          cfg.heavy_ages?.[0] ?? cfg.headline.age_from,
          cfg.heavy_ages?.[1] ?? cfg.headline.age_to,
          cfg.heavy_threshold,
        ),
        serviceNames: serviceNames(workspaceCatalogue(ws)),
        log: (line) => out.warn(line),
        // where a figure comes from, with the rules of this workspace's configuration
        plugins: [(app) => lineageRoutes(app, { warehouse, threshold: ws.config.suppression.threshold, ws })],
      }).catch(async (e: unknown) => {
        await store.close();
        throw e;
      });
      out.info(t(out.lang, 'cli.serve.running', { url: running.url }));
      out.info(t(out.lang, running.app.signInRequired ? 'server.mode_sign_in' : 'server.mode_local'));
      out.result({
        url: running.url,
        openapi: `${running.url}api/openapi.json`,
        signIn: running.app.signInRequired,
      });
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running
            .close()
            .then(() => store.close())
            .then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
};
