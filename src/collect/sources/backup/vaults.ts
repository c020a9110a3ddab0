import {
  BackupClient,
  GetBackupVaultAccessPolicyCommand,
  ListBackupVaultsCommand,
  ListTagsCommand,
} from '@aws-sdk/client-backup';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import type { Source } from '../types.js';

/** AWS Backup vaults with their access policy and tags. */
export const backupVaults: Source = {
  name: 'backup/vaults',
  service: 'backup',
  scope: 'regional',
  description: 'AWS Backup vaults: access policy, encryption key, tags',
  apiCalls: ['backup:ListBackupVaults', 'backup:GetBackupVaultAccessPolicy', 'backup:ListTags'],
  stores: [
    { label: 'backupVault', service: 'backup', resourceType: 'backup-vault', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(BackupClient);
    const pages = await allPages(
      (token) => client.send(new ListBackupVaultsCommand({ MaxResults: 1000, NextToken: token })),
      (page) => page.NextToken,
    );
    const vaults = pages.flatMap((page) => page.BackupVaultList ?? []);

    const records = await ctx.map(
      vaults.filter((v) => v.BackupVaultArn && v.BackupVaultName),
      async (vault) => {
        const arn = vault.BackupVaultArn as string;
        const name = vault.BackupVaultName as string;
        const fields = new FieldCollector(arn);
        fields.files.metadata = { arn, name, key: vault.EncryptionKeyArn, state: vault.VaultState };
        const [policy, tags] = await Promise.all([
          readResourceField(() => client.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: name }))),
          readResourceField(() =>
            allPages(
              (token) => client.send(new ListTagsCommand({ ResourceArn: arn, NextToken: token })),
              (page) => page.NextToken,
            ),
          ),
        ]);
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        fields.set('tags', tags, (pages) => tagsMap(Object.assign({}, ...pages.map((page) => page.Tags))));
        return fields;
      },
    );
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
