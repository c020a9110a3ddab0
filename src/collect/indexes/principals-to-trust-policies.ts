import { resourceTypeFolder } from '../../storage/layout.js';
import { readJson } from '../../storage/write-json.js';
import type { Indexer } from './types.js';

type PrincipalIndex = Record<string, Record<string, string[]>>;

/**
 * `{<account>: {principal: {<value>: [role ARNs]}, notprincipal: {...}}}`: which roles' trust policies
 * name a principal in an Allow statement (`"*"` for `Principal: "*"` or `{"AWS": "*"}`).
 * Entries of accounts not being recomputed are kept from the stored index.
 */
export const principalsToTrustPolicies: Indexer = {
  name: 'principals-to-trust-policies',
  service: 'iam',
  async build({ store, partition, storedAccounts, accounts, map }, existing) {
    const out: Record<string, PrincipalIndex> = {};
    const stored = new Set(storedAccounts);
    for (const [account, entry] of Object.entries(existing ?? {})) {
      if (stored.has(account) && !accounts.includes(account)) out[account] = entry as PrincipalIndex;
    }
    for (const account of accounts) {
      const folder = resourceTypeFolder(partition, account, 'iam', '', 'role');
      const keys = (await store.listRecursive(folder)).filter((k) => k.endsWith('/trust-policy.json'));
      const roles = await map(keys, async (key) => {
        const roleFolder = key.slice(0, key.lastIndexOf('/'));
        const [metadata, trust] = await Promise.all([
          readJson<{ arn?: string }>(store, `${roleFolder}/metadata.json`),
          readJson<unknown>(store, key),
        ]);
        return { arn: metadata?.arn, trust };
      });
      const index: PrincipalIndex = {};
      for (const { arn, trust } of roles) {
        if (!arn) continue;
        for (const statement of statements(trust)) {
          if (statement.Effect !== 'Allow') continue;
          for (const kind of ['Principal', 'NotPrincipal'] as const) {
            for (const value of principalValues(statement[kind])) {
              const group = kind.toLowerCase();
              index[group] ??= {};
              const byValue = index[group];
              byValue[value] ??= [];
              const roleList = byValue[value];
              if (!roleList.includes(arn)) roleList.push(arn);
            }
          }
        }
      }
      if (Object.keys(index).length > 0) out[account] = index;
    }
    return out;
  },
};

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
}

function statements(policy: unknown): Statement[] {
  const list = (policy as { Statement?: unknown } | undefined)?.Statement;
  if (Array.isArray(list)) return list.filter((s) => s && typeof s === 'object') as Statement[];
  return list && typeof list === 'object' ? [list as Statement] : [];
}

/** `"*"`, or every value of `{AWS, Service, Federated, CanonicalUser}`; `{"AWS": "*"}` is `"*"`. */
function principalValues(principal: unknown): string[] {
  if (principal === undefined) return [];
  if (typeof principal === 'string') return [principal];
  if (typeof principal !== 'object' || principal === null) return [];
  const out: string[] = [];
  for (const value of Object.values(principal)) {
    for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') out.push(item);
  }
  return out;
}
