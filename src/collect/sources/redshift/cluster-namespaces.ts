import { DescribeClustersCommand, GetResourcePolicyCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * Provisioned Redshift clusters, stored by their namespace ARN (`redshift/<region>/namespace/<id>/`):
 * the namespace is what a Redshift resource policy names, to let other accounts' sources create
 * zero-ETL integrations into it. DescribeClusters gives the metadata and tags (100 per call); the
 * policy costs one call per cluster.
 */
export const redshiftClusterNamespaces: Source = {
  name: 'redshift/clusterNamespaces',
  service: 'redshift',
  scope: 'regional',
  description: 'Redshift provisioned clusters (by namespace): resource policy, encryption, public access, tags',
  apiCalls: ['redshift:DescribeClusters', 'redshift:GetResourcePolicy'],
  stores: [
    { label: 'namespace', service: 'redshift', resourceType: 'namespace', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const redshift = ctx.client(RedshiftClient);
    const pages = await allPages(
      (marker) => redshift.send(new DescribeClustersCommand({ MaxRecords: 100, Marker: marker })),
      (page) => page.Marker,
    );
    const clusters = pages.flatMap((page) => page.Clusters ?? []).filter((c) => c.ClusterNamespaceArn);
    const records = await ctx.map(clusters, async (cluster) => {
      const arn = cluster.ClusterNamespaceArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        clusterIdentifier: cluster.ClusterIdentifier,
        clusterArn: `arn:${ctx.partition}:redshift:${ctx.region}:${ctx.account}:cluster:${cluster.ClusterIdentifier}`,
        encrypted: cluster.Encrypted,
        kmsKeyId: cluster.KmsKeyId,
        publiclyAccessible: cluster.PubliclyAccessible,
      };
      fields.files.tags = tagsObject(cluster.Tags);
      const policy = await readResourceField(() => redshift.send(new GetResourcePolicyCommand({ ResourceArn: arn })));
      fields.set('policy', policy, (out) => policyDocument(out.ResourcePolicy?.Policy));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
