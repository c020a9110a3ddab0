import { existsSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { flagsFromIamCollectEnv } from './iam-collect-env.js';
import { writeStderr } from './stdout.js';
import { parseMaxSize } from './write-policy.js';

/** `--accounts 1 2` and `--accounts 1,2` both work. */
function list(values: string[] | undefined): string[] | undefined {
  return values?.flatMap((v) => v.split(',')).filter((v) => v !== '');
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** iamwright.jsonc, else an existing iam-collect.jsonc (drop-in), else iamwright.jsonc (reported missing). */
function defaultConfigFiles(): string[] {
  if (!existsSync('iamwright.jsonc') && existsSync('iam-collect.jsonc')) return ['iam-collect.jsonc'];
  return ['iamwright.jsonc'];
}

interface DownloadFlags {
  configFiles?: string[];
  accounts?: string[];
  regions?: string[];
  services?: string[];
  concurrency?: number;
  index: boolean;
  writeOnly?: boolean;
  logFormat: 'text' | 'json';
}

interface IndexFlags {
  configFiles?: string[];
  partition: string;
  accounts?: string[];
  concurrency?: number;
}

const IAM_COLLECT_ENV_HELP =
  '\nEvery flag can also come from IAM_COLLECT_<FLAG> (IAM_COLLECT_CONFIG_FILES="a.jsonc b.jsonc",\n' +
  'IAM_COLLECT_CONCURRENCY=8, IAM_COLLECT_NO_INDEX=true), as with iam-collect; a flag wins over its variable.';

const DOWNLOAD_ENV_FLAGS = {
  configFiles: 'list',
  accounts: 'list',
  regions: 'list',
  services: 'list',
  concurrency: 'integer',
  noIndex: 'boolean',
  writeOnly: 'boolean',
  rawJsonLogs: 'boolean',
} as const;

const INDEX_ENV_FLAGS = { configFiles: 'list', partition: 'string', accounts: 'list', concurrency: 'integer' } as const;

/** The IAM_COLLECT_* values of the flags that the command line did not give. */
function fromEnv(flags: Record<string, 'list' | 'integer' | 'boolean' | 'string'>, command: Command) {
  // `--no-index` is the `index` option; iam-collect's raw JSON logs are `--log-format json`.
  const optionOf = (flag: string) => (flag === 'noIndex' ? 'index' : flag === 'rawJsonLogs' ? 'logFormat' : flag);
  return flagsFromIamCollectEnv(flags, process.env, (flag) => command.getOptionValueSource(optionOf(flag)) === 'cli');
}

function withIamCollectEnv(flags: DownloadFlags, command: Command): DownloadFlags {
  const { noIndex, rawJsonLogs, ...rest } = fromEnv(DOWNLOAD_ENV_FLAGS, command);
  return {
    ...flags,
    ...(rest as Partial<DownloadFlags>),
    ...(noIndex === undefined ? {} : { index: noIndex !== true }),
    ...(rawJsonLogs === true ? { logFormat: 'json' as const } : {}),
  };
}

/** stderr as a terminal stream when it is one (a stream of its own in a worker thread), else undefined. */
async function stderrTerminal(): Promise<NodeJS.WriteStream | undefined> {
  if (process.stderr.isTTY) return process.stderr;
  // Loaded here: node:tty pulls in net and streams, ~2 ms of start-up for every other command.
  const { isatty, WriteStream } = await import('node:tty');
  return isatty(2) ? new WriteStream(2) : undefined;
}

/** `iamwright collect init|download|index`: download every deployed IAM policy across accounts. */
export function registerCollect(program: Command): void {
  const collect = program
    .command('collect')
    .description('download IAM policies deployed across AWS accounts into a folder or S3 (iam-collect compatible)');

  collect
    .command('init')
    .description('write a commented configuration file (refuses to overwrite one)')
    .option('-f, --file <path>', 'where to write it', 'iamwright.jsonc')
    .action(async (options: { file: string }) => {
      const { writeInitConfig } = await import('../collect/config/init.js');
      await writeInitConfig(options.file);
      process.stdout.write(`wrote ${options.file}\n`);
    });

  collect
    .command('download')
    .description('collect IAM data from every configured account, then rebuild the indexes')
    .option('-c, --config-files <files...>', 'configuration files, applied in order (default: iamwright.jsonc)')
    .option('-a, --accounts <ids...>', 'only these accounts')
    .option('-r, --regions <regions...>', 'only these regions (no account:ListRegions call)')
    .option('-s, --services <services...>', 'only these services (iam, organizations, s3, ...)')
    .option('--concurrency <n>', 'AWS calls in flight at once, across all accounts', positiveInt)
    .option('-n, --no-index', 'do not rebuild the indexes')
    .option('-w, --write-only', 'never delete stored data (faster for a first run)')
    .addOption(new Option('--log-format <format>', 'stderr output').choices(['text', 'json']).default('text'))
    .addHelpText('after', IAM_COLLECT_ENV_HELP)
    .action(async (cliFlags: DownloadFlags, command: Command) => {
      const flags = withIamCollectEnv(cliFlags, command);
      // The SDK warns on stderr, in nine lines, that its releases from 2027 need Node 22: news for
      // iamwright's maintainers (who pin the SDK), noise for its users, and it breaks --log-format json.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      const [{ download }, progress, { RunStats }] = await Promise.all([
        import('../collect/download.js'),
        import('../collect/run/progress.js'),
        import('../collect/run/stats.js'),
      ]);
      const stats = new RunStats();
      // The file descriptor itself, not process.stderr: in the worker thread that runs a download
      // (bin/collect-worker.js), process.stderr is an asynchronous pipe to the main thread.
      const write = writeStderr;
      const terminal = flags.logFormat === 'text' ? await stderrTerminal() : undefined;
      const tty = terminal !== undefined;
      const reporter =
        flags.logFormat === 'json'
          ? progress.jsonReporter(write)
          : tty
            ? progress.ttyReporter(terminal!, stats)
            : progress.plainReporter(write);
      const optional = <K extends string, V>(key: K, value: V | undefined) =>
        (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
      try {
        const result = await download({
          configFiles: list(flags.configFiles) ?? defaultConfigFiles(),
          ...optional('accounts', list(flags.accounts)),
          ...optional('regions', list(flags.regions)),
          ...optional('services', list(flags.services)),
          ...optional('concurrency', flags.concurrency),
          index: flags.index,
          writeOnly: flags.writeOnly === true,
          reporter,
          stats,
        });
        reporter.close();
        const totals = (result.summary.totals as { jobs: Record<string, number> }).jobs;
        const text =
          `${result.exitCode === 0 ? 'collected' : 'collected with failures:'} ` +
          `${stats.accountsTotal} account${stats.accountsTotal === 1 ? '' : 's'}, ` +
          `${totals.collected} jobs collected, ${totals.denied} denied, ${totals.failed} failed, ${totals.skipped} skipped ` +
          `into ${result.storage}; summary ${result.summaryKey}`;
        if (flags.logFormat === 'json')
          reporter.message(result.exitCode === 0 ? 'info' : 'error', text, {
            exitCode: result.exitCode,
            summary: result.summaryKey,
          });
        else if (tty || result.exitCode !== 0) write(`iamwright: ${text}\n`);
        process.exitCode = result.exitCode;
      } finally {
        reporter.close();
      }
    });

  collect
    .command('index')
    .description('rebuild the index files from stored data alone (no AWS calls)')
    .option('-c, --config-files <files...>', 'configuration files, applied in order (default: iamwright.jsonc)')
    .option('--partition <partition>', 'the partition whose data to index', 'aws')
    .option('-a, --accounts <ids...>', 'only recompute these accounts (default: every stored account)')
    .option('--concurrency <n>', 'stored files read at once', positiveInt)
    .addHelpText('after', IAM_COLLECT_ENV_HELP)
    .action(async (cliFlags: IndexFlags, command: Command) => {
      const flags = { ...cliFlags, ...fromEnv(INDEX_ENV_FLAGS, command) } as IndexFlags;
      const { rebuildIndexes } = await import('../collect/index-command.js');
      const accounts = list(flags.accounts);
      const written = await rebuildIndexes({
        configFiles: list(flags.configFiles) ?? defaultConfigFiles(),
        partition: flags.partition,
        ...(accounts ? { accounts } : {}),
        ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
      });
      if (process.stderr.isTTY)
        process.stderr.write(`iamwright: rebuilt ${written.join(', ')} in ${written.location}\n`);
    });

  registerCollectServices(collect);
  registerCollectPolicy(collect);
}

/** `collect services`: the source registry (service, source, scope, API calls). */
function registerCollectServices(collect: Command): void {
  collect
    .command('services')
    .description('list what the collector collects: service, source, global or regional, and the API calls it makes')
    .option('--json', 'print JSON instead of a table')
    .action(async (flags: { json?: boolean }) => {
      const [{ SOURCES }, services, { writeStdout }] = await Promise.all([
        import('../collect/sources/registry.js'),
        import('../collect/commands/services.js'),
        import('./stdout.js'),
      ]);
      const rows = services.serviceRows(SOURCES);
      writeStdout(flags.json ? services.renderServicesJson(rows) : services.renderServicesTable(rows));
    });
}

interface PolicyFlags {
  configFiles?: string[];
  services?: string[];
  partition: string;
  fmt: 'json' | 'yaml' | 'terraform' | 'terraform-hcl';
  maxSize?: number;
}

/** `collect policy`: the least-privilege policies the collector itself needs (management and member accounts). */
function registerCollectPolicy(collect: Command): void {
  collect
    .command('policy')
    .description("print the IAM policies the collector needs: {management, member}, from the sources' API calls")
    .option(
      '-c, --config-files <files...>',
      'configuration files, applied in order (default: iamwright.jsonc or iam-collect.jsonc if present, else every service)',
    )
    .option('-s, --services <services...>', 'only these services (iam, organizations, s3, ...)')
    .option('--partition <partition>', 'the partition of the role ARNs', 'aws')
    .addOption(
      new Option('--fmt <format>', 'output format')
        .choices(['json', 'yaml', 'terraform', 'terraform-hcl'])
        .default('json'),
    )
    .addOption(
      new Option(
        '--max-size <characters>',
        'split each policy into as many as needed to fit (6144 for managed policies); prints lists',
      ).argParser(parseMaxSize),
    )
    .action(async (flags: PolicyFlags, command: Command) => {
      const [policy, { SOURCES }, { loadConfigFiles }, { loadDataset }, codes, { UsageError }, size, output, global] =
        await Promise.all([
          import('../collect/commands/collector-policy.js'),
          import('../collect/sources/registry.js'),
          import('../collect/config/load.js'),
          import('../data/load.js'),
          import('../collect/config/services.js'),
          import('../util/errors.js'),
          import('../policy/size.js'),
          import('./stdout.js'),
          import('./global-options.js'),
        ]);
      const services = list(flags.services);
      for (const service of services ?? [])
        if (!codes.isServiceCode(service))
          throw new UsageError(
            `--services: unknown service "${service}" (expected one of: ${codes.SERVICE_CODES.join(', ')})`,
          );
      const files =
        list(flags.configFiles) ?? ['iamwright.jsonc', 'iam-collect.jsonc'].filter((f) => existsSync(f)).slice(0, 1);
      const plan = policy.planFromConfig(await loadConfigFiles(files), SOURCES, services?.filter(codes.isServiceCode));
      for (const service of plan.unsupported)
        process.stderr.write(`iamwright: warning: no source of this version collects ${service}: nothing granted\n`);
      const policies = policy.collectorPolicies(plan, SOURCES, {
        dataset: loadDataset(global.dataOption(command)),
        partition: flags.partition,
      });
      const { managed, 'inline-role': inline } = size.POLICY_SIZE_LIMITS;
      const { maxSize } = flags;
      if (maxSize === undefined) {
        for (const [kind, document] of Object.entries(policies)) {
          const characters = size.policySize(document);
          if (characters > managed)
            process.stderr.write(
              `iamwright: warning: the ${kind} policy is ${characters} characters, over the ${managed} of a managed policy (an inline role policy takes ${inline}; or split it with --max-size ${managed})\n`,
            );
        }
        output.writeStdout(policy.renderCollectorPolicies(policies, flags.fmt));
        return;
      }
      const split = {
        management: size.splitPolicy(policies.management, maxSize),
        member: size.splitPolicy(policies.member, maxSize),
      };
      if (maxSize > managed)
        process.stderr.write(
          `iamwright: warning: --max-size ${maxSize} is over the ${managed} characters of a managed policy\n`,
        );
      output.writeStdout(policy.renderCollectorPolicies(split, flags.fmt));
    });
}
