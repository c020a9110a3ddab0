import { type Command, Option } from 'commander';
import { dataOption } from './global-options.js';
import { writeStderr, writeStdout } from './stdout.js';

interface ExpandCommandOptions {
  fmt: 'json' | 'yaml';
  annotate?: boolean;
  keepNotAction?: boolean;
  outputFile?: string;
}

/** `iamwright expand POLICY`: wildcards and NotAction -> the concrete actions of the dataset. */
export function registerExpand(program: Command): void {
  program
    .command('expand')
    .description('expand Action wildcards and NotAction into concrete actions, with their access levels')
    .argument('<policy>', 'policy JSON file')
    .addOption(new Option('--fmt <format>', 'output format').choices(['json', 'yaml']).default('json'))
    .option('--annotate', 'output {"Policy": ..., "AccessLevels": {action: level}} instead of the bare policy')
    .option('--keep-not-action', 'keep NotAction (its wildcards expanded) instead of turning it into an Action list')
    .option('-o, --output-file <file>', 'write the result to this file (atomically) instead of stdout')
    .action(async (file: string, options: ExpandCommandOptions, command: Command) => {
      await expandCommand(file, options, dataOption(command));
    });
}

async function expandCommand(file: string, options: ExpandCommandOptions, dataPath: string | undefined): Promise<void> {
  const [
    { readPolicyFile },
    { parseJsonSource },
    { expandPolicy, PolicyShapeError },
    { renderExpanded },
    { loadDataset },
  ] = await Promise.all([
    import('../validate/policy-file.js'),
    import('../validate/json-source.js'),
    import('../expand/expand-policy.js'),
    import('../expand/render.js'),
    import('../data/load.js'),
  ]);
  const { IamwrightError } = await import('../util/errors.js');
  const source = parseJsonSource(readPolicyFile(file));
  const syntax = source.syntaxErrors[0];
  if (syntax) throw new IamwrightError(`${file}:${syntax.position.line}: ${syntax.message}`);
  let result: ReturnType<typeof expandPolicy>;
  try {
    result = expandPolicy(source.value, loadDataset(dataPath), {
      notAction: options.keepNotAction ? 'keep' : 'complement',
    });
  } catch (error) {
    if (error instanceof PolicyShapeError) {
      throw new IamwrightError(`${file}:${source.locate(error.path).line}: ${error.message}`);
    }
    throw error;
  }
  for (const warning of result.warnings) {
    writeStderr(`iamwright: warning: ${file}:${source.locate(warning.path).line}: ${warning.message}\n`);
  }
  const text = await renderExpanded(result, { format: options.fmt, annotate: options.annotate ?? false });
  if (options.outputFile === undefined) {
    writeStdout(text);
  } else {
    const { writeFileAtomic } = await import('../util/atomic-write.js');
    await writeFileAtomic(options.outputFile, text);
  }
}
