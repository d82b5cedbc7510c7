/**
 * `fabric-temporal ui`: serves the web view of runs (src/ui) until Ctrl-C. It prints its address on
 * stdout (one line) once it listens. Bound to 127.0.0.1 unless told otherwise; a non-loopback
 * address needs FABRIC_UI_TOKEN (refused at start, exit 2, when missing); actions only with
 * `--allow-actions`.
 */
import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';
import { parseCount } from './parse/ids.js';

export function registerUiCommand(program: Command, ctx: CliContext): void {
  program
    .command('ui')
    .description('serve a web view of the runs (pipelines with their graph and timeline, jobs, refreshes, operations, schedule grids) until Ctrl-C')
    .option('--host <address>', 'address to listen on; anything but loopback needs FABRIC_UI_TOKEN', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', '8234')
    .option('--allow-actions', 'offer cancel, pipeline retry/skip/abort and repair on the pages (each behind a confirmation)')
    .action(
      ctx.handler(async (options: { host: string; port: string; allowActions?: boolean }) => {
        const port = parseCount('--port', options.port, 0, 65535);
        const host = options.host.trim();
        if (host === '') throw new UsageError('--host "": give an address such as 127.0.0.1');
        const { bindProblem, TOKEN_ENV } = await import('../ui/security.js');
        const token = ctx.io.env[TOKEN_ENV]?.trim() || undefined;
        const problem = bindProblem(host, token);
        if (problem) throw new UsageError(problem);
        // Connect first: a wrong address is one clear line at start, not an error page later.
        await ctx.client();
        const { startUiServer } = await import('../ui/server.js');
        const global = program.opts<{ address?: string; namespace?: string; profile?: string }>();
        const prefix = [
          ...(global.address ? ['--address', global.address] : []),
          ...(global.namespace ? ['--namespace', global.namespace] : []),
          ...(global.profile ? ['--profile', global.profile] : []),
        ];
        let running;
        try {
          running = await startUiServer(ctx, { host, port, token, allowActions: options.allowActions === true, actionArgvPrefix: prefix, log: (line) => ctx.info(line) });
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new UsageError(`cannot listen on ${host}:${port}: ${code}`);
          throw error;
        }
        ctx.io.stdout.write(`${running.url}\n`);
        ctx.info(`fabric-temporal ui: serving ${running.url} (actions ${options.allowActions ? 'on' : 'off'}${token ? ', token required' : ''}); Ctrl-C stops it`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await running.close();
        return EXIT.ok;
      }),
    );
}
