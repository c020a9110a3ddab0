import { type Command, Option } from 'commander';
import { dataOption } from './global-options.js';
import { writeStdout } from './stdout.js';

interface ValidateOptions {
  fmt: 'text' | 'json' | 'sarif';
  failOn: 'error' | 'warning' | 'suggestion' | 'none';
}

/**
 * `iamwright validate POLICY...`: lint IAM policies. Exit 0 when no finding reaches --fail-on
 * (`none`: never), 1 when one does (a file that is not JSON is a json-syntax error), 2 on usage
 * errors (bad options, a file that cannot be read).
 */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('lint IAM policies: grammar, unknown actions, ARNs, condition keys, wildcards, privilege escalation')
    .argument('<policy...>', 'policy JSON file(s): identity, resource-based or trust policies')
    .addOption(new Option('--fmt <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 when a finding is this severe or more (none: always exit 0)')
        .choices(['error', 'warning', 'suggestion', 'none'])
        .default('error'),
    )
    .action(async (files: string[], options: ValidateOptions, command: Command) => {
      process.exitCode = await validateCommand(files, options, dataOption(command));
    });
}

async function validateCommand(
  files: string[],
  options: ValidateOptions,
  dataPath: string | undefined,
): Promise<number> {
  const [{ readPolicyFile }, { validatePolicyText }, { loadDataset }, render, { atLeast }] = await Promise.all([
    import('../validate/policy-file.js'),
    import('../validate/validate-policy.js'),
    import('../data/load.js'),
    import('../validate/render.js'),
    import('../validate/findings.js'),
  ]);
  const texts = files.map(readPolicyFile);
  const dataset = loadDataset(dataPath);
  const results = files.map((file, i) => ({ file, findings: validatePolicyText(texts[i]!, dataset) }));
  if (options.fmt === 'json') {
    writeStdout(render.renderJson(results));
  } else if (options.fmt === 'sarif') {
    const { relative, resolve, sep } = await import('node:path');
    const uriOf = (file: string) => encodeURI(relative(process.cwd(), resolve(file)).split(sep).join('/'));
    writeStdout(render.renderSarif(results, { version: await packageVersion(), uriOf }));
  } else {
    writeStdout(render.renderText(results));
  }
  const { failOn } = options;
  if (failOn === 'none') return 0;
  const failing = results.some(({ findings }) => findings.some((f) => atLeast(f.severity, failOn)));
  return failing ? 1 : 0;
}

/** The package version, for SARIF: package.json is one folder up from dist/*.js, two from src/cli/*.ts. */
async function packageVersion(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));
      if (pkg?.name === 'iamwright' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not at this level.
    }
  }
  return 'unknown';
}
