import {
  DSQLClient,
  GetClusterPolicyCommand,
  ListClustersCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-dsql';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Aurora DSQL clusters with their resource policy (which principals may connect, e.g. only through a
 * VPC endpoint) and tags. The listing gives identifier and ARN; the policy and the tags cost one call
 * each per cluster (ResourceNotFoundException when the cluster has no policy).
 */
export const dsqlClusters: Source = {
  name: 'dsql/clusters',
  service: 'dsql',
  scope: 'regional',
  description: 'Aurora DSQL clusters: resource policy, tags',
  apiCalls: ['dsql:ListClusters', 'dsql:GetClusterPolicy', 'dsql:ListTagsForResource'],
  stores: [{ label: 'cluster', service: 'dsql', resourceType: 'cluster', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(DSQLClient);
    const pages = await allPages(
      (token) => client.send(new ListClustersCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const clusters = pages.flatMap((page) => page.clusters ?? []).filter((c) => c.arn && c.identifier);
    const records = await ctx.map(clusters, async (cluster) => {
      const arn = cluster.arn as string;
      const identifier = cluster.identifier as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, identifier };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetClusterPolicyCommand({ identifier }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.policy));
      fields.set('tags', tags, (out) => tagsMap(out.tags));
      return fields;
    });
    return recordsResult(records);
  },
};
