import { type Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../util/errors.js';

interface CreateTemplateOptions {
  outputFile: string;
  templateType: 'crud' | 'actions';
  force?: boolean;
}

function parseTemplateType(value: string): 'crud' | 'actions' {
  const type = value.toLowerCase();
  if (type !== 'crud' && type !== 'actions') throw new InvalidArgumentError('expected crud or actions.');
  return type;
}

/** `iamwright create-template`: writes a commented starting template for write-policy. */
export function registerCreateTemplate(program: Command): void {
  program
    .command('create-template')
    .description('write a starting template for write-policy (every section unused until filled in)')
    .addOption(new Option('-o, --output-file <file>', 'where to write the template').makeOptionMandatory())
    .addOption(
      new Option('-t, --template-type <type>', 'crud (ARNs per access level) or actions (a list of actions)')
        .argParser(parseTemplateType)
        .makeOptionMandatory(),
    )
    .option('--force', 'overwrite the output file if it exists')
    .action(async (options: CreateTemplateOptions) => {
      const [{ createTemplate }, { writeOutputFile }, { existsSync }, { resolve }] = await Promise.all([
        import('../write/template/create-template.js'),
        import('./output-file.js'),
        import('node:fs'),
        import('node:path'),
      ]);
      const path = resolve(options.outputFile);
      // policy_sentry appends to an existing file, which leaves two templates in one; refuse instead.
      if (!options.force && existsSync(path)) {
        throw new UsageError(`${options.outputFile} already exists (use --force to overwrite it)`);
      }
      await writeOutputFile(path, createTemplate(options.templateType));
      process.stdout.write(`write-policy template file written to: ${path}\n`);
    });
}
