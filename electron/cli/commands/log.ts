/** `custodia log` and `log export`: the chain-of-custody log. */
import path from 'node:path';
import type { Command } from 'commander';
import { ArchiveError } from '../../archive/index.ts';
import { collect, optionsOf, type CliContext } from '../command-context.ts';

export function registerLogCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg } = context;
  // `log` lists the log itself and also holds `log export`, so it is not a plain commandGroup.
  const log = program
    .command('log')
    .description('the chain-of-custody log (of one item)')
    .argument('[command]')
    .usage('[options]')
    .option('--item <id>', 'only the events of this item', collect)
    .action(async (sub: string | undefined, _: unknown, command: Command) => {
      if (sub !== undefined) throw new ArchiveError('validation', `unknown command "log ${sub}" (see custodia --help)`);
      const options = optionsOf<{ item?: string[] }>(command);
      const events = await withArchive((archive) => archive.custodyEvents(options.item?.[0]));
      if (options.json) return printJson(events);
      for (const event of events) {
        const subject = event.subject.id ? `${event.subject.kind} ${event.subject.id}` : event.subject.kind;
        print(
          `${String(event.seq).padStart(6)}  ${event.time}  ${event.action.padEnd(16)} ${subject}  ${event.actor}  ${JSON.stringify(event.details)}`,
        );
      }
    });

  log
    .command('export')
    .description('the log as JSON lines with the public key and a signed checkpoint')
    .option('--out <file>', 'the file to write (required)')
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<{ out?: string }>(command);
      const out = requireArg(options.out, '--out FILE');
      const result = await withArchive((archive) => archive.exportLog(out));
      if (options.json) return printJson({ file: path.resolve(out), events: result.events, checkpoint: result.checkpoint });
      print(`Wrote ${result.events} events and a checkpoint signed at event ${result.checkpoint.seq} to ${path.resolve(out)}`);
    });
}
