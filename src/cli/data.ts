import type { Command } from 'commander';
import { dataOption } from './global-options.js';

/** A one-line progress bar redrawn in place; only for a terminal. */
function progressBar(stream: NodeJS.WriteStream): { update: (done: number, total: number) => void; end: () => void } {
  let drawn = false;
  return {
    update(done, total) {
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : 0;
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} services`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

function summary(counts: { services: number; actions: number; resourceTypes: number; conditionKeys: number }): string {
  return (
    `${counts.services} services, ${counts.actions} actions, ` +
    `${counts.resourceTypes} resource types, ${counts.conditionKeys} condition keys`
  );
}

/** `iamwright data status|update|reset`. */
export function registerData(program: Command): void {
  const data = program
    .command('data')
    .description('show, update or reset the IAM dataset (actions, resources, condition keys)');

  data
    .command('status')
    .description('print the active dataset: where it comes from, its date and what it holds')
    .option('--json', 'print a JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      const [{ activeDataset }, { datasetStatus, formatStatus }] = await Promise.all([
        import('../data/load.js'),
        import('../data/status.js'),
      ]);
      const status = datasetStatus(activeDataset(dataOption(command)));
      process.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
    });

  data
    .command('update')
    .description('download the AWS Service Reference and make it the active dataset (all or nothing)')
    .option(
      '--base-url <url>',
      'where the Service Reference is served',
      'https://servicereference.us-east-1.amazonaws.com/',
    )
    .option('-q, --quiet', 'no progress bar')
    .option('--json', 'print the result as a JSON object')
    .action(async (options: { baseUrl: string; quiet?: boolean; json?: boolean }, command: Command) => {
      const [{ updateDataset }, { cacheDir }, { bundledDataset, bundledDataDir }, { hintsFromService }] =
        await Promise.all([
          import('../data/update.js'),
          import('../data/cache-dir.js'),
          import('../data/load.js'),
          import('../data/compile/service-reference.js'),
        ]);
      const progress = !options.quiet && process.stderr.isTTY ? progressBar(process.stderr) : undefined;
      const hasBundled = bundledDataDir() !== undefined;
      try {
        const result = await updateDataset({
          baseUrl: options.baseUrl,
          cacheDir: cacheDir(),
          hintsFor: (prefix) => {
            const service = hasBundled ? bundledDataset().describedService(prefix) : undefined;
            return service && hintsFromService(service);
          },
          ...(progress && { onProgress: progress.update }),
        });
        progress?.end();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        } else if (!options.quiet) {
          const { source, date, version } = result.provenance;
          process.stdout.write(`updated: ${source} ${date} (${version}): ${summary(result.counts)}\n`);
          process.stdout.write(`location: ${result.location}\n`);
        }
        if (dataOption(command)) {
          process.stderr.write('iamwright: note: --data / IAMWRIGHT_DATA is set, so that dataset stays in use\n');
        }
      } catch (error) {
        progress?.end();
        if (error instanceof Error)
          error.message = `data update failed, the previous dataset stays active: ${error.message}`;
        throw error;
      }
    });

  data
    .command('reset')
    .description('remove the updated dataset and go back to the bundled one')
    .action(async () => {
      const [{ resetDataset }, { cacheDir }, { bundledDataset }] = await Promise.all([
        import('../data/update.js'),
        import('../data/cache-dir.js'),
        import('../data/load.js'),
      ]);
      const removed = await resetDataset(cacheDir());
      const { source, date } = bundledDataset().provenance;
      process.stdout.write(
        `${removed ? 'removed the updated dataset' : 'no updated dataset'}; active: bundled (${source} ${date})\n`,
      );
    });
}
