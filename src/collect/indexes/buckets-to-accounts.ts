import { resourceTypeFolder } from '../../storage/layout.js';
import { readJson } from '../../storage/write-json.js';
import type { Indexer } from './types.js';

interface BucketOwner {
  accountId: string;
  region: string;
}

/**
 * `{<bucket>: {accountId, region}}`: the owner of a bucket name, since bucket ARNs name neither account
 * nor region. Read from the stored general purpose buckets' metadata (`s3/<bucket>/metadata.json`).
 * Entries of accounts not being recomputed are kept from the stored index.
 */
export const bucketsToAccounts: Indexer = {
  name: 'buckets-to-accounts',
  service: 's3',
  async build({ store, partition, storedAccounts, accounts, map }, existing) {
    const out: Record<string, BucketOwner> = {};
    const stored = new Set(storedAccounts);
    for (const [bucket, entry] of Object.entries(existing ?? {})) {
      const owner = entry as Partial<BucketOwner> | undefined;
      if (owner?.accountId && stored.has(owner.accountId) && !accounts.includes(owner.accountId))
        out[bucket] = entry as BucketOwner;
    }
    const perAccount = await map(accounts, async (account) => {
      const folder = resourceTypeFolder(partition, account, 's3', '', '');
      // Bucket folders sit right under `s3/`, next to region folders of access points that have no metadata.
      const children = (await store.list(folder)).filter((entry) => entry.endsWith('/'));
      const metadata = await map(children, (child) =>
        readJson<{ arn?: unknown; name?: unknown; region?: unknown }>(store, `${folder}/${child}metadata.json`),
      );
      return metadata.flatMap((m) => {
        const isBucket = typeof m?.name === 'string' && m.arn === `arn:${partition}:s3:::${m.name}`;
        return isBucket && typeof m.region === 'string'
          ? [[m.name as string, { accountId: account, region: m.region }] as const]
          : [];
      });
    });
    for (const entries of perAccount) for (const [bucket, owner] of entries) out[bucket] = owner;
    return out;
  },
};
