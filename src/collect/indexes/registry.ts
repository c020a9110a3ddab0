import { indexKey, partitionRoot } from '../../storage/layout.js';
import { serializeConsistent } from '../../storage/serialize.js';
import type { Store } from '../../storage/store.js';
import { DataError } from '../../util/errors.js';
import { mapLimit } from '../run/limiter.js';
import { accountsToOrgs } from './accounts-to-orgs.js';
import { apigatewaysToAccounts } from './apigateways-to-accounts.js';
import { bucketsToAccounts } from './buckets-to-accounts.js';
import { principalsToTrustPolicies } from './principals-to-trust-policies.js';
import type { Indexer } from './types.js';
import { vpcs } from './vpcs.js';

/** Every index this version builds (the resource-policy services add theirs with their sources). */
export const INDEXERS: readonly Indexer[] = [
  accountsToOrgs,
  principalsToTrustPolicies,
  bucketsToAccounts,
  apigatewaysToAccounts,
  vpcs,
];

export interface IndexRun {
  store: Store;
  partition: string;
  /** Accounts to recompute; undefined = every account in storage (a full rebuild). */
  accounts?: string[];
  /** Services collected; undefined = all. An index is rebuilt only when its service is among them. */
  services?: readonly string[];
  concurrency: number;
}

/** Attempts per index when other writers keep changing it (iam-collect's figure). */
export const INDEX_WRITE_ATTEMPTS = 3;

/**
 * Rebuilds the index files from stored data alone. Returns the names of the indexes written.
 *
 * Several collectors may share one storage (one per organization, or per group of accounts), each
 * updating its own accounts' entries of the same index files. Every index is therefore read with its
 * version, recomputed, and written only if nobody changed it meanwhile (optimistic locking); after
 * INDEX_WRITE_ATTEMPTS lost races it gives up with a DataError.
 */
export async function buildIndexes(run: IndexRun): Promise<string[]> {
  const { store, partition } = run;
  const storedAccounts = (await store.list(`${partitionRoot(partition)}/accounts`))
    .filter((e) => e.endsWith('/'))
    .map((e) => e.slice(0, -1));
  const accounts = run.accounts ? run.accounts.filter((a) => storedAccounts.includes(a)) : storedAccounts;
  const context = {
    store,
    partition,
    storedAccounts,
    accounts,
    map: <T, R>(items: readonly T[], task: (item: T) => Promise<R>) => mapLimit(items, run.concurrency, task),
  };
  const written: string[] = [];
  for (const indexer of INDEXERS) {
    if (run.services && !run.services.includes(indexer.service)) continue;
    const key = indexKey(partition, indexer.name);
    let done = false;
    for (let attempt = 1; attempt <= INDEX_WRITE_ATTEMPTS && !done; attempt++) {
      const current = await store.readVersioned(key);
      const existing = run.accounts ? parseIndex(store, key, current.text) : undefined;
      const text = serializeConsistent(await indexer.build(context, existing)) ?? '{}';
      done = text === current.text || (await store.writeIfVersion(key, text, current.version));
    }
    if (!done)
      throw new DataError(
        `${store.location}/${key}: changed by another writer during each of ${INDEX_WRITE_ATTEMPTS} attempts; run \`iamwright collect index\` again`,
      );
    written.push(indexer.name);
  }
  return written;
}

function parseIndex(store: Store, key: string, text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new DataError(`${store.location}/${key}: not a JSON object; delete it and run \`iamwright collect index\``);
}
