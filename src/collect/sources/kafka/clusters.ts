import { GetClusterPolicyCommand, KafkaClient, ListClustersV2Command } from '@aws-sdk/client-kafka';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * MSK clusters (provisioned and serverless) with their cluster policy, KMS key and tags.
 * ListClustersV2 returns the key and tags, so a cluster costs one GetClusterPolicy.
 */
export const kafkaClusters: Source = {
  name: 'kafka/clusters',
  service: 'kafka',
  scope: 'regional',
  description: 'MSK clusters: cluster policy, KMS key, tags',
  apiCalls: ['kafka:ListClustersV2', 'kafka:GetClusterPolicy'],
  stores: [{ label: 'cluster', service: 'kafka', resourceType: 'cluster', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(KafkaClient);
    const pages = await allPages(
      (token) => client.send(new ListClustersV2Command({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const clusters = pages.flatMap((page) => page.ClusterInfoList ?? []).filter((c) => c.ClusterArn);
    const records = await ctx.map(clusters, async (cluster) => {
      const arn = cluster.ClusterArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: cluster.ClusterName,
        keyId: cluster.Provisioned?.EncryptionInfo?.EncryptionAtRest?.DataVolumeKMSKeyId,
      };
      fields.files.tags = tagsMap(cluster.Tags);
      const policy = await readResourceField(() => client.send(new GetClusterPolicyCommand({ ClusterArn: arn })));
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
