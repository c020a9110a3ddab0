import { existsSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';

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
    .action(async (flags: DownloadFlags) => {
      const [{ download }, progress, { RunStats }] = await Promise.all([
        import('../collect/download.js'),
        import('../collect/run/progress.js'),
        import('../collect/run/stats.js'),
      ]);
      const stats = new RunStats();
      const write = (text: string) => process.stderr.write(text);
      const tty = flags.logFormat === 'text' && process.stderr.isTTY === true;
      const reporter =
        flags.logFormat === 'json'
          ? progress.jsonReporter(write)
          : tty
            ? progress.ttyReporter(process.stderr, stats)
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
    .action(async (flags: { configFiles?: string[]; partition: string; accounts?: string[]; concurrency?: number }) => {
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
}
