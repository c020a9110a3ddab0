import { type Command, InvalidArgumentError, Option } from 'commander';
import { OUTPUT_FORMATS, type OutputFormat } from '../policy/formats.js';
import { UsageError } from '../util/errors.js';
import { dataOption } from './global-options.js';
import { deferOptimizingCompiler, LONG_TEMPLATE_CHARS } from './short-run.js';
import { writeStderr, writeStdout } from './stdout.js';

interface WritePolicyOptions {
  inputFile?: string;
  minimize?: number | true;
  shrink?: boolean;
  fmt: OutputFormat;
  outputFile?: string;
  resourcePlaceholder: 'keep' | '*';
  policyKind: 'managed' | 'inline-user' | 'inline-group' | 'inline-role';
  maxSize?: number;
  strictDependents?: boolean;
}

function parseMinimizeLength(value: string): number {
  if (!/^\d+$/.test(value))
    throw new InvalidArgumentError('expected an integer >= 0 (the shortest action prefix to keep).');
  return Number(value);
}

export function parseMaxSize(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 100) throw new InvalidArgumentError('expected an integer >= 100.');
  return Number(value);
}

/**
 * `iamwright write-policy`: a template (file or stdin) -> a policy on stdout. Unlike
 * policy_sentry, `--minimize` never takes the next option as its length.
 */
export function registerWritePolicy(program: Command): void {
  program
    .command('write-policy')
    .description('write a least-privilege IAM policy from a crud or actions template (policy_sentry-compatible)')
    .option('-i, --input-file <file>', 'template file (YAML); read from stdin when omitted')
    .addOption(
      new Option(
        '-m, --minimize [length]',
        'shorten action lists with safe wildcards, keeping prefixes of at least length characters (default 0)',
      ).argParser(parseMinimizeLength),
    )
    .addOption(
      new Option(
        '--shrink',
        'shorten action lists with readable word-boundary wildcards (ssm:GetParameter*)',
      ).conflicts('minimize'),
    )
    .addOption(new Option('--fmt <format>', 'output format').choices(OUTPUT_FORMATS).default('json'))
    .addOption(
      new Option('--resource-placeholder <mode>', "actions mode: keep ARN formats as Resources, or grant on '*'")
        .choices(['keep', '*'])
        .default('keep'),
    )
    .option(
      '--strict-dependents',
      'scope dependent actions (iam:PassRole...) to the ARN or a narrowing condition instead of Resource "*"',
    )
    .addOption(
      new Option('--policy-kind <kind>', 'the IAM size limit to warn about')
        .choices(['managed', 'inline-user', 'inline-group', 'inline-role'])
        .default('managed'),
    )
    .addOption(
      new Option('--max-size <characters>', 'split the statements across as many policies as needed').argParser(
        parseMaxSize,
      ),
    )
    .option('-o, --output-file <file>', 'write the policy to this file (atomically) instead of stdout')
    .action(async (options: WritePolicyOptions, command: Command) => {
      await writePolicyCommand(options, dataOption(command));
    });
}

async function writePolicyCommand(options: WritePolicyOptions, dataPath: string | undefined): Promise<void> {
  const [{ parseTemplate, locateTemplateError }, { renderPolicy, renderPolicies }] = await Promise.all([
    import('../write/template/parse.js'),
    import('../policy/render.js'),
  ]);
  const source = options.inputFile ?? '<stdin>';
  const text = await readTemplate(options.inputFile);
  if (text.length > LONG_TEMPLATE_CHARS) await deferOptimizingCompiler();
  const parsed = parseTemplate(text, source);
  const [{ writePolicy }, { loadDataset }] = await Promise.all([
    import('../write/write-policy.js'),
    import('../data/load.js'),
  ]);
  const minimize = options.minimize === true ? 0 : options.minimize;
  let result: ReturnType<typeof writePolicy>;
  try {
    result = writePolicy(parsed.template, {
      dataset: loadDataset(dataPath),
      minimize,
      shrink: options.shrink,
      resourcePlaceholder: options.resourcePlaceholder,
      strictDependents: options.strictDependents,
    });
  } catch (error) {
    throw locateTemplateError(error, source, parsed.locate);
  }
  for (const warning of result.warnings) {
    writeStderr(`iamwright: warning: ${source}:${parsed.locate(warning.path) ?? 1}: ${warning.message}\n`);
  }
  const { POLICY_SIZE_LIMITS, policySize, splitPolicy } = await import('../policy/size.js');
  const policies = options.maxSize === undefined ? [result.policy] : splitPolicy(result.policy, options.maxSize);
  const limit = POLICY_SIZE_LIMITS[options.policyKind];
  policies.forEach((policy, i) => {
    const size = policySize(policy);
    if (size > limit) {
      const which = policies.length > 1 ? `policy ${i + 1} is` : 'the policy is';
      writeStderr(
        `iamwright: warning: ${which} ${size} characters, over the ${limit} allowed for a ${options.policyKind} policy (try --minimize, --shrink or --max-size)\n`,
      );
    }
  });
  const name = typeof parsed.template.name === 'string' ? parsed.template.name : undefined;
  const output =
    policies.length === 1
      ? renderPolicy(policies[0]!, options.fmt, { name })
      : renderPolicies(policies, options.fmt, { name });
  if (options.outputFile === undefined) {
    writeStdout(output);
  } else {
    const { writeOutputFile } = await import('./output-file.js');
    await writeOutputFile(options.outputFile, output);
  }
}

async function readTemplate(file: string | undefined): Promise<string> {
  if (file !== undefined) {
    // Synchronously: an fs/promises read leaves its close on the thread pool, and the process
    // then waits tens of milliseconds for it before exiting.
    const { readFileSync } = await import('node:fs');
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      const { fileErrorReason } = await import('./output-file.js');
      throw new UsageError(`cannot read template ${file}: ${fileErrorReason(error)}`);
    }
  }
  if (process.stdin.isTTY) throw new UsageError('no template: pass -i FILE, or pipe a template on stdin');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
