import {
  GetVaultAccessPolicyCommand,
  GlacierClient,
  ListTagsForVaultCommand,
  ListVaultsCommand,
} from '@aws-sdk/client-glacier';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import type { Source } from '../types.js';

/** S3 Glacier vaults with their access policy and tags. */
export const glacierVaults: Source = {
  name: 'glacier/glacierVaults',
  service: 'glacier',
  scope: 'regional',
  description: 'S3 Glacier vaults: access policy, tags',
  apiCalls: ['glacier:ListVaults', 'glacier:GetVaultAccessPolicy', 'glacier:ListTagsForVault'],
  stores: [
    { label: 'glacierVault', service: 'glacier', resourceType: 'vaults', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(GlacierClient);
    // accountId '-' means the caller's own account.
    const pages = await allPages(
      (marker) => client.send(new ListVaultsCommand({ accountId: '-', limit: 1000, marker })),
      (page) => page.Marker,
    );
    const vaults = pages.flatMap((page) => page.VaultList ?? []).filter((v) => v.VaultARN && v.VaultName);
    const records = await ctx.map(vaults, async (vault) => {
      const arn = vault.VaultARN as string;
      const vaultName = vault.VaultName as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name: vaultName };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetVaultAccessPolicyCommand({ accountId: '-', vaultName }))),
        readResourceField(() => client.send(new ListTagsForVaultCommand({ accountId: '-', vaultName }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.policy?.Policy));
      fields.set('tags', tags, (out) => tagsMap(out.Tags));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
