/** `custodia person …`: people and their roles in cases. */
import type { Command } from 'commander';
import { PERSON_ROLES } from '../../../shared/schemas.ts';
import { collect, commandGroup, optionsOf, type CliContext } from '../command-context.ts';
import { choices, confidentialityField, confidentialityOption, dropUndefined, type RecordFlags } from '../record-flags.ts';

interface PersonOptions extends RecordFlags {
  name?: string;
  alias?: string[];
  birthDate?: string;
  case?: string;
  role?: string;
  person?: string[];
}

export function registerPersonCommands(program: Command, context: CliContext): void {
  const { withArchive, print, printJson, requireArg } = context;
  const group = commandGroup(program, 'person', 'people: add, link, show');

  confidentialityOption(
    group
      .command('add')
      .description('add a person; prints the id')
      .option('--name <text>', 'the name (required)')
      .option('--alias <text>', 'another spelling or name (repeatable)', collect)
      .option('--birth-date <date>', 'the date of birth')
      .option('--case <id>', 'a case to link the person to (with --role)')
      .option('--role <role>', choices(PERSON_ROLES)),
    'confidential persons are pseudonymised in dossiers',
  ).action(async (_: unknown, command: Command) => {
    const options = optionsOf<PersonOptions>(command);
    const input = dropUndefined({
      name: requireArg(options.name, '--name'),
      aliases: options.alias,
      birthDate: options.birthDate,
      ...confidentialityField(options),
    });
    const link = options.case ? { caseId: options.case, role: requireArg(options.role, '--role (with --case)') } : undefined;
    const id = await withArchive((archive) => archive.addPerson(input, link));
    return options.json ? printJson({ id }) : print(id);
  });

  group
    .command('link')
    .description('link a person to a case in a role')
    .option('--case <id>', 'the case (required)')
    .option('--person <id>', 'the person (required)', collect)
    .option('--role <role>', `required; ${choices(PERSON_ROLES)}`)
    .action(async (_: unknown, command: Command) => {
      const options = optionsOf<PersonOptions>(command);
      const input = {
        caseId: requireArg(options.case, '--case ID'),
        personId: requireArg(options.person?.[0], '--person ID'),
        role: requireArg(options.role, '--role ROLE'),
      };
      await withArchive((archive) => archive.linkPerson(input));
      return options.json ? printJson({ ok: true }) : print('Linked.');
    });

  group
    .command('show')
    .description('a person, their aliases and cases')
    .argument('[id]', 'the person')
    .action(async (personId: string | undefined, _: unknown, command: Command) => {
      const options = optionsOf(command);
      const id = requireArg(personId, 'person ID');
      const person = await withArchive((archive) => archive.getPerson(id));
      if (options.json) return printJson(person);
      print(`${person.name}${person.aliases.length ? `  (also ${person.aliases.join(', ')})` : ''}`);
      for (const c of person.cases) print(`  ${c.role} in ${c.title}  [${c.caseId}]`);
    });
}
