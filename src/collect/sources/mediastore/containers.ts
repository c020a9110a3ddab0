import {
  GetContainerPolicyCommand,
  ListContainersCommand,
  ListTagsForResourceCommand,
  MediaStoreClient,
} from '@aws-sdk/client-mediastore';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Elemental MediaStore containers with their container policy (often public reads for streaming) and
 * tags. The listing gives ARN, name, status and endpoint; the policy and the tags cost one call each
 * per container.
 */
export const mediastoreContainers: Source = {
  name: 'mediastore/containers',
  service: 'mediastore',
  scope: 'regional',
  description: 'Elemental MediaStore containers: container policy, endpoint, status, tags',
  apiCalls: ['mediastore:ListContainers', 'mediastore:GetContainerPolicy', 'mediastore:ListTagsForResource'],
  stores: [
    { label: 'container', service: 'mediastore', resourceType: 'container', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(MediaStoreClient);
    const pages = await allPages(
      (token) => client.send(new ListContainersCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const containers = pages.flatMap((page) => page.Containers ?? []).filter((c) => c.ARN && c.Name);
    const records = await ctx.map(containers, async (container) => {
      const arn = container.ARN as string;
      const name = container.Name as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name, status: container.Status, endpoint: container.Endpoint };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetContainerPolicyCommand({ ContainerName: name }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ Resource: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (out) => tagsObject(out.Tags));
      return fields;
    });
    return recordsResult(records);
  },
};
