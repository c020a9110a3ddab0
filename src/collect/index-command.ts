import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { UsageError } from '../util/errors.js';
import { loadConfigFiles } from './config/load.js';
import { ResolvedConfig } from './config/resolve.js';
import { buildIndexes } from './indexes/registry.js';
import { openStore, storageAuthOf } from './open-store.js';

export interface IndexOptions {
  configFiles: string[];
  partition: string;
  accounts?: string[];
  concurrency?: number;
}

/** `collect index`: rebuilds the indexes from what is stored (no AWS calls, except S3 storage reads). */
export async function rebuildIndexes(options: IndexOptions): Promise<string[] & { location: string }> {
  for (const account of options.accounts ?? [])
    if (!/^\d{12}$/.test(account)) throw new UsageError(`--accounts: "${account}" is not a 12-digit account id`);
  const config = new ResolvedConfig(await loadConfigFiles(options.configFiles));
  const concurrency = options.concurrency ?? config.concurrency();
  const store = await openStore(config, await storageCredentials(config, concurrency));
  try {
    const written = await buildIndexes({
      store,
      partition: options.partition,
      ...(options.accounts ? { accounts: options.accounts } : {}),
      concurrency,
    });
    return Object.assign(written, { location: store.location });
  } finally {
    await store.close();
  }
}

/** S3 storage reached with a profile or an initial role (see storageAuthOf); the AWS SDK loads only then. */
async function storageCredentials(
  config: ResolvedConfig,
  concurrency: number,
): Promise<AwsCredentialIdentityProvider | undefined> {
  const auth = storageAuthOf(config);
  if (!auth) return undefined;
  const [{ createAwsSession }, { RunStats }] = await Promise.all([
    import('./aws/session.js'),
    import('./run/stats.js'),
  ]);
  const { broker } = createAwsSession(config, {
    concurrency,
    stats: new RunStats(),
    sessionName: `iamwright-index-${Date.now()}`,
  });
  return (await broker.identity(auth)).provider;
}
