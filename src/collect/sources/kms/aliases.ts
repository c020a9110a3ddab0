import { type AliasListEntry, KMSClient, ListAliasesCommand } from '@aws-sdk/client-kms';
import type { ResourceRecord, Source } from '../types.js';

/**
 * KMS aliases of one region and the key each points to: policies may name keys by alias
 * (`kms:ResourceAliases`, alias ARNs), so the mapping is needed to resolve them. Aliases have no policy
 * and no tags of their own. AWS managed aliases (`alias/aws/<service>`) are left out: every account has
 * the same fixed set, naming AWS managed keys whose policies are collected with the keys.
 */
export const kmsAliases: Source = {
  name: 'kms/aliases',
  service: 'kms',
  scope: 'regional',
  description: 'KMS aliases: the key each alias points to',
  apiCalls: ['kms:ListAliases'],
  stores: [{ label: 'alias', service: 'kms', resourceType: 'alias', files: ['metadata'] }],

  async collect(ctx) {
    const kms = ctx.client(KMSClient);
    const found: AliasListEntry[] = [];
    let marker: string | undefined;
    do {
      const page = await kms.send(new ListAliasesCommand({ Limit: 100, Marker: marker }));
      found.push(...(page.Aliases ?? []));
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);

    const resources: ResourceRecord[] = found.flatMap((alias) => {
      if (!alias.AliasArn || !alias.AliasName || alias.AliasName.startsWith('alias/aws/')) return [];
      const keyArn = alias.TargetKeyId
        ? `arn:${ctx.partition}:kms:${ctx.region}:${ctx.account}:key/${alias.TargetKeyId}`
        : undefined;
      return [
        {
          arn: alias.AliasArn,
          files: {
            metadata: {
              arn: alias.AliasArn,
              name: alias.AliasName,
              targetKeyId: alias.TargetKeyId,
              targetKeyArn: keyArn,
            },
          },
        },
      ];
    });
    return { resources };
  },
};
