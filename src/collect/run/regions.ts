import { type AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { allPages } from '../org/pages.js';

/** The regions enabled in an account (account:ListRegions, ENABLED and ENABLED_BY_DEFAULT), sorted. */
export async function listEnabledRegions(client: AccountClient): Promise<string[]> {
  const regions = await allPages(async (NextToken) => {
    const out = await client.send(
      new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'], MaxResults: 50, NextToken }),
    );
    return { items: out.Regions, next: out.NextToken };
  });
  return regions.flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
}
