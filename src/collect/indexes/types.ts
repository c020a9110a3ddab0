import type { IndexName } from '../../storage/layout.js';
import type { Store } from '../../storage/store.js';

export interface IndexContext {
  store: Store;
  partition: string;
  /** Every account folder in storage. */
  storedAccounts: string[];
  /** The accounts to (re)compute; the others keep their entries from the stored index. */
  accounts: string[];
  map<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]>;
}

/** One lookup file in `indexes/`, computed from stored data alone (no AWS calls). */
export interface Indexer {
  readonly name: IndexName;
  /** Only rebuilt when this service was collected (or always by `collect index`). */
  readonly service: string;
  build(ctx: IndexContext, existing: Record<string, unknown> | undefined): Promise<Record<string, unknown>>;
}
