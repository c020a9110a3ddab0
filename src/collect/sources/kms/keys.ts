import {
  GetKeyPolicyCommand,
  type KeyListEntry,
  KMSClient,
  ListKeysCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** KMS keys of one region (customer and AWS managed): key policy and tags. */
export const kmsKeys: Source = {
  name: 'kms/keys',
  service: 'kms',
  scope: 'regional',
  description: 'KMS keys: key policy, tags',
  apiCalls: ['kms:ListKeys', 'kms:GetKeyPolicy', 'kms:ListResourceTags'],
  stores: [{ label: 'key', service: 'kms', resourceType: 'key', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const kms = ctx.client(KMSClient);
    const found: KeyListEntry[] = [];
    let marker: string | undefined;
    do {
      const page = await kms.send(new ListKeysCommand({ Limit: 1000, Marker: marker }));
      found.push(...(page.Keys ?? []));
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker);

    const records = await ctx.map(
      found.filter((key) => key.KeyId && key.KeyArn),
      async (key) => {
        const id = key.KeyId as string;
        const arn = key.KeyArn as string;
        const fields = new FieldCollector(arn);
        const [policy, tags] = await Promise.all([
          readResourceField(() => kms.send(new GetKeyPolicyCommand({ KeyId: id, PolicyName: 'default' }))),
          readResourceField(() => listResourceTags(kms, id)),
        ]);
        fields.files.metadata = { arn, id };
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        fields.set('tags', tags, (list) => tagsObject(list.map((tag) => ({ Key: tag.TagKey, Value: tag.TagValue }))));
        return fields;
      },
    );
    return recordsResult(records);
  },
};

async function listResourceTags(kms: KMSClient, keyId: string) {
  const tags: Array<{ TagKey?: string; TagValue?: string }> = [];
  let marker: string | undefined;
  do {
    const page = await kms.send(new ListResourceTagsCommand({ KeyId: keyId, Limit: 50, Marker: marker }));
    tags.push(...(page.Tags ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return tags;
}
