import { UsageError } from '../util/errors.js';
import { loadConfigFiles } from './config/load.js';
import { ResolvedConfig } from './config/resolve.js';
import { buildIndexes } from './indexes/registry.js';
import { openStore } from './open-store.js';

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
  const store = await openStore(config);
  try {
    const written = await buildIndexes({
      store,
      partition: options.partition,
      ...(options.accounts ? { accounts: options.accounts } : {}),
      concurrency: options.concurrency ?? config.concurrency(),
    });
    return Object.assign(written, { location: store.location });
  } finally {
    await store.close();
  }
}
