import { indexKey, partitionRoot } from '../../storage/layout.js';
import { serializeConsistent } from '../../storage/serialize.js';
import type { Store } from '../../storage/store.js';
import { readJson } from '../../storage/write-json.js';
import { mapLimit } from '../run/limiter.js';
import { accountsToOrgs } from './accounts-to-orgs.js';
import { principalsToTrustPolicies } from './principals-to-trust-policies.js';
import type { Indexer } from './types.js';

/** Every index this version builds (the resource-policy services add theirs with their sources). */
export const INDEXERS: readonly Indexer[] = [accountsToOrgs, principalsToTrustPolicies];

export interface IndexRun {
  store: Store;
  partition: string;
  /** Accounts to recompute; undefined = every account in storage (a full rebuild). */
  accounts?: string[];
  /** Services collected; undefined = all. An index is rebuilt only when its service is among them. */
  services?: readonly string[];
  concurrency: number;
}

/** Rebuilds the index files from stored data alone. Returns the names of the indexes written. */
export async function buildIndexes(run: IndexRun): Promise<string[]> {
  const { store, partition } = run;
  const storedAccounts = (await store.list(`${partitionRoot(partition)}/accounts`))
    .filter((e) => e.endsWith('/'))
    .map((e) => e.slice(0, -1));
  const accounts = run.accounts ? run.accounts.filter((a) => storedAccounts.includes(a)) : storedAccounts;
  const written: string[] = [];
  for (const indexer of INDEXERS) {
    if (run.services && !run.services.includes(indexer.service)) continue;
    const key = indexKey(partition, indexer.name);
    const existing = run.accounts ? await readJson<Record<string, unknown>>(store, key) : undefined;
    const value = await indexer.build(
      { store, partition, storedAccounts, accounts, map: (items, task) => mapLimit(items, run.concurrency, task) },
      existing,
    );
    await store.write(key, serializeConsistent(value) ?? '{}');
    written.push(indexer.name);
  }
  return written;
}
