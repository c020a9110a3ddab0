import {
  DescribeAccessEntryCommand,
  DescribeClusterCommand,
  EKSClient,
  ListAccessEntriesCommand,
  ListAssociatedAccessPoliciesCommand,
  ListClustersCommand,
} from '@aws-sdk/client-eks';
import { FieldCollector } from '../fields.js';
import { allPages, readResourceField, tagsMap } from '../policy-fields.js';
import type { Issue, ResourceRecord, Source, SourceContext } from '../types.js';

/** Clusters whose access entries grant Kubernetes access from IAM (CONFIG_MAP-only clusters have none). */
const ACCESS_ENTRY_MODES = new Set(['API', 'API_AND_CONFIG_MAP']);

/**
 * EKS clusters and their access entries: which IAM principal gets which Kubernetes groups and which
 * EKS access policies (cluster-wide or per namespace). Calls per cluster: DescribeCluster, then with
 * access entries enabled one listing plus two calls per entry.
 */
export const eksAccessEntries: Source = {
  name: 'eks/accessEntries',
  service: 'eks',
  scope: 'regional',
  description: 'EKS clusters (authentication mode, tags) and access entries with their associated access policies',
  apiCalls: [
    'eks:ListClusters',
    'eks:DescribeCluster',
    'eks:ListAccessEntries',
    'eks:DescribeAccessEntry',
    'eks:ListAssociatedAccessPolicies',
  ],
  stores: [
    { label: 'cluster', service: 'eks', resourceType: 'cluster', files: ['metadata', 'tags'] },
    {
      label: 'accessEntry',
      service: 'eks',
      resourceType: 'access-entry',
      files: ['metadata', 'accesspolicies', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(EKSClient);
    const pages = await allPages(
      (token) => client.send(new ListClustersCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const names = pages.flatMap((page) => page.clusters ?? []);
    const perCluster = await ctx.map(names, (name) => collectCluster(ctx, client, name));
    return {
      resources: perCluster.flatMap((c) => c.resources),
      issues: perCluster.flatMap((c) => c.issues),
    };
  },
};

async function collectCluster(
  ctx: SourceContext,
  client: EKSClient,
  name: string,
): Promise<{ resources: ResourceRecord[]; issues: Issue[] }> {
  const described = await readResourceField(() => client.send(new DescribeClusterCommand({ name })));
  if (described.state === 'absent') return { resources: [], issues: [] }; // deleted since the listing
  const cluster = described.state === 'ok' ? described.value.cluster : undefined;
  const arn = cluster?.arn ?? `arn:${ctx.partition}:eks:${ctx.region}:${ctx.account}:cluster/${name}`;
  const fields = new FieldCollector(arn);
  const mode = cluster?.accessConfig?.authenticationMode;
  fields.set('metadata', described, () => ({ arn, name, authenticationMode: mode }));
  fields.set('tags', described, () => tagsMap(cluster?.tags));
  const resources: ResourceRecord[] = [{ arn, files: fields.files, keep: fields.keep }];
  // Both files come from DescribeCluster: one gap, reported once.
  const issues: Issue[] = fields.issues.filter((issue) => issue.field === 'metadata');
  if (!mode || !ACCESS_ENTRY_MODES.has(mode)) return { resources, issues };

  const listed = await readResourceField(() =>
    allPages(
      (token) => client.send(new ListAccessEntriesCommand({ clusterName: name, maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    ),
  );
  if (listed.state === 'denied') {
    issues.push({ kind: 'denied', arn, field: 'accessEntries', message: listed.message });
    return { resources, issues };
  }
  const principals = listed.state === 'ok' ? listed.value.flatMap((page) => page.accessEntries ?? []) : [];
  const entries = await ctx.map(
    principals,
    async (principalArn): Promise<{ record?: ResourceRecord; issues: Issue[] }> => {
      const entry = await readResourceField(() =>
        client.send(new DescribeAccessEntryCommand({ clusterName: name, principalArn })),
      );
      if (entry.state === 'absent') return { issues: [] }; // deleted since the listing
      if (entry.state !== 'ok') {
        // Without DescribeAccessEntry there is no entry ARN, so no folder: the gap is the cluster's.
        return { issues: [{ kind: entry.state, arn, field: `accessEntry ${principalArn}`, message: entry.message }] };
      }
      const detail = entry.value.accessEntry;
      const entryArn = detail?.accessEntryArn;
      if (!detail || !entryArn) return { issues: [] };
      const entryFields = new FieldCollector(entryArn);
      entryFields.files.metadata = {
        arn: entryArn,
        clusterName: name,
        principalArn,
        username: detail.username,
        type: detail.type,
        kubernetesGroups: detail.kubernetesGroups,
      };
      entryFields.files.tags = tagsMap(detail.tags);
      const policies = await readResourceField(() =>
        allPages(
          (token) =>
            client.send(
              new ListAssociatedAccessPoliciesCommand({
                clusterName: name,
                principalArn,
                maxResults: 100,
                nextToken: token,
              }),
            ),
          (page) => page.nextToken,
        ),
      );
      entryFields.set('accesspolicies', policies, (pages) =>
        pages.flatMap((page) =>
          (page.associatedAccessPolicies ?? []).map((p) => ({ policyArn: p.policyArn, accessScope: p.accessScope })),
        ),
      );
      return {
        record: { arn: entryArn, files: entryFields.files, keep: entryFields.keep },
        issues: entryFields.issues,
      };
    },
  );
  for (const entry of entries) {
    if (entry.record) resources.push(entry.record);
    issues.push(...entry.issues);
  }
  return { resources, issues };
}
