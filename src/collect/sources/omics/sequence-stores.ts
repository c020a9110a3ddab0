import {
  GetS3AccessPolicyCommand,
  GetSequenceStoreCommand,
  ListSequenceStoresCommand,
  ListTagsForResourceCommand,
  OmicsClient,
} from '@aws-sdk/client-omics';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * AWS HealthOmics sequence stores with the S3 access policy of their S3 access point (which
 * principals may read the store's read sets through S3) and tags. The listing does not name the
 * access point: GetSequenceStore does (`s3Access.s3AccessPointArn`; stores created before S3 access
 * existed have none, so no policy). GetS3AccessPolicy answers ResourceNotFoundException when no
 * policy is set (absent); a store deleted since the listing is left out. When GetSequenceStore is
 * denied the access point is unknown: the stored policy and metadata are kept and the gap recorded as
 * the policy's.
 */
export const omicsSequenceStores: Source = {
  name: 'omics/sequenceStores',
  service: 'omics',
  scope: 'regional',
  description: 'AWS HealthOmics sequence stores: S3 access policy, tags',
  apiCalls: [
    'omics:ListSequenceStores',
    'omics:GetSequenceStore',
    'omics:GetS3AccessPolicy',
    'omics:ListTagsForResource',
  ],
  stores: [
    { label: 'sequenceStore', service: 'omics', resourceType: 'sequenceStore', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(OmicsClient);
    const pages = await allPages(
      (token) => client.send(new ListSequenceStoresCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const stores = pages.flatMap((page) => page.sequenceStores ?? []).filter((store) => store.arn && store.id);
    const records = await ctx.map(stores, async (store) => {
      const arn = store.arn as string;
      const id = store.id as string;
      const [detail, tags] = await Promise.all([
        readResourceField(() => client.send(new GetSequenceStoreCommand({ id }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
      ]);
      if (detail.state === 'absent') return undefined;
      const accessPointArn = detail.state === 'ok' ? detail.value.s3Access?.s3AccessPointArn : undefined;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id,
        name: store.name,
        description: store.description,
        s3AccessPointArn: accessPointArn,
        s3Uri: detail.state === 'ok' ? detail.value.s3Access?.s3Uri : undefined,
      };
      if (detail.state !== 'ok') {
        // Denied: the access point (and so the policy and the S3 part of the metadata) is unknown.
        fields.set('policy', detail);
        fields.keep.push('metadata');
      } else if (accessPointArn === undefined) fields.files.policy = undefined;
      else {
        const policy = await readResourceField(() =>
          client.send(new GetS3AccessPolicyCommand({ s3AccessPointArn: accessPointArn })),
        );
        fields.set('policy', policy, (out) => policyDocument(out.s3AccessPolicy));
      }
      fields.set('tags', tags, (out) => tagsMap(out.tags));
      return fields;
    });
    return recordsResult(records.filter((record) => record !== undefined));
  },
};
