/** `custodia serve`: browser mode, the app's screens over HTTP on 127.0.0.1. */
import type { Command } from 'commander';
import { ArchiveError } from '../../archive/index.ts';
import { optionsOf, type CliContext } from '../command-context.ts';
import { ensureRendererBuilt } from '../renderer-build.ts';
import { oneLine } from '../terminal-safe.ts';

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('browser mode on 127.0.0.1; prints the URL first')
    .option('--port <n>', 'the port (default: any free one)')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ port?: string }>(command);
      const { startBridge } = await import('../../serve/server.ts');
      const port = options.port ? Number(options.port) : 0;
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new ArchiveError('validation', '--port must be a number from 0 to 65535');
      const vaultDir = context.vaultDir();
      const rendererDir = await ensureRendererBuilt();
      const bridge = await startBridge({ vaultDir, port, rendererDir });
      context.print(bridge.url);
      process.stderr.write(
        `${oneLine(`Browser mode: open the address above in a browser on this computer. Vault: ${vaultDir}. Ctrl-C stops.`)}\n`,
      );
      const stop = () => void bridge.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
