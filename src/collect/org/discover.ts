import { ListAccountsCommand, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { ConfigError } from '../../util/errors.js';
import type { OrganizationAccountsConfig } from '../config/types.js';
import { allPages } from './pages.js';
import { ancestors, isActive, type MapLimited, readTree } from './tree.js';

/**
 * The ACTIVE accounts of the organization (`accounts: "organization"`), listed from the management
 * account or a delegated administrator. With OU filters, an account is kept when one of its ancestors
 * is an included OU (or root) and none is an excluded one. Sorted by id.
 */
export async function discoverAccounts(
  org: OrganizationsClient,
  config: OrganizationAccountsConfig,
  map: MapLimited,
): Promise<string[]> {
  const included = config.ous?.included;
  const excluded = config.ous?.excluded ?? [];
  if (!included && excluded.length === 0) {
    const accounts = await allPages(async (NextToken) => {
      const out = await org.send(new ListAccountsCommand({ NextToken }));
      return { items: out.Accounts, next: out.NextToken };
    });
    return accounts
      .filter(isActive)
      .flatMap((a) => (a.Id ? [a.Id] : []))
      .sort();
  }
  const tree = await readTree(org, map);
  const known = new Set([...tree.ous.keys(), ...tree.roots.flatMap((r) => (r.Id ? [r.Id] : []))]);
  for (const id of [...(included ?? []), ...excluded]) {
    if (!known.has(id))
      throw new ConfigError(`accounts.organization.ous: ${id} is not an OU or root of the organization`);
  }
  const out: string[] = [];
  for (const [id, account] of tree.accounts) {
    if (!isActive(account)) continue;
    const path = ancestors(tree, id);
    if (included && !path.some((p) => included.includes(p))) continue;
    if (path.some((p) => excluded.includes(p))) continue;
    out.push(id);
  }
  return out.sort();
}
