import { resourceTypeFolder } from '../../storage/layout.js';
import { readJson } from '../../storage/write-json.js';
import type { Indexer } from './types.js';

/**
 * `{<REST API ARN>: <account>}`: the owner of a REST API, since API Gateway ARNs name no account. Read
 * from the stored REST APIs' metadata (`apigateway/<region>/restapis/<id>/metadata.json`). Entries of
 * accounts not being recomputed are kept from the stored index.
 */
export const apigatewaysToAccounts: Indexer = {
  name: 'apigateways-to-accounts',
  service: 'apigateway',
  async build({ store, partition, storedAccounts, accounts, map }, existing) {
    const out: Record<string, string> = {};
    const stored = new Set(storedAccounts);
    for (const [arn, account] of Object.entries(existing ?? {})) {
      if (typeof account === 'string' && stored.has(account) && !accounts.includes(account)) out[arn] = account;
    }
    const perAccount = await map(accounts, async (account) => {
      const folder = resourceTypeFolder(partition, account, 'apigateway', '', '');
      const keys = (await store.listRecursive(folder)).filter((key) => /\/restapis\/[^/]+\/metadata\.json$/.test(key));
      const metadata = await map(keys, (key) => readJson<{ arn?: unknown }>(store, key));
      return metadata.flatMap((m) => (typeof m?.arn === 'string' ? [[m.arn, account] as const] : []));
    });
    for (const entries of perAccount) for (const [arn, account] of entries) out[arn] = account;
    return out;
  },
};
