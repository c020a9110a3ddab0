import { accountFileKey, partitionRoot } from '../../storage/layout.js';
import { readJson } from '../../storage/write-json.js';
import type { Indexer } from './types.js';

/**
 * `{<account>: <org id>}`: every account listed in a stored organization's `accounts.json`, plus every
 * stored account's own `organization.json`. Cheap, so always rebuilt whole.
 */
export const accountsToOrgs: Indexer = {
  name: 'accounts-to-orgs',
  service: 'organizations',
  async build({ store, partition, storedAccounts, map }) {
    const out: Record<string, string> = {};
    const orgsRoot = `${partitionRoot(partition)}/organizations`;
    for (const entry of await store.list(orgsRoot)) {
      if (!entry.endsWith('/')) continue;
      const orgId = entry.slice(0, -1);
      const accounts = await readJson<Record<string, unknown>>(store, `${orgsRoot}/${orgId}/accounts.json`);
      for (const account of Object.keys(accounts ?? {})) out[account] = orgId;
    }
    const own = await map(storedAccounts, async (account) => {
      const file = await readJson<{ organizationId?: string }>(
        store,
        accountFileKey(partition, account, 'organization'),
      );
      return [account, file?.organizationId] as const;
    });
    for (const [account, orgId] of own) if (orgId) out[account] = orgId;
    return out;
  },
};
