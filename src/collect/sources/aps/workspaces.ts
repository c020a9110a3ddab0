import { AmpClient, DescribeResourcePolicyCommand, ListWorkspacesCommand } from '@aws-sdk/client-amp';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Amazon Managed Service for Prometheus workspaces (IAM prefix `aps`) with their resource policy
 * (which accounts and services may write or query metrics) and tags. The listing gives ARN, alias,
 * status, KMS key and tags; the policy costs one call per workspace.
 */
export const apsWorkspaces: Source = {
  name: 'aps/workspaces',
  service: 'aps',
  scope: 'regional',
  description: 'Amazon Managed Service for Prometheus workspaces: resource policy, alias, KMS key, tags',
  apiCalls: ['aps:ListWorkspaces', 'aps:DescribeResourcePolicy'],
  stores: [{ label: 'workspace', service: 'aps', resourceType: 'workspace', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(AmpClient);
    const pages = await allPages(
      (token) => client.send(new ListWorkspacesCommand({ maxResults: 1000, nextToken: token })),
      (page) => page.nextToken,
    );
    const workspaces = pages.flatMap((page) => page.workspaces ?? []).filter((w) => w.arn && w.workspaceId);
    const records = await ctx.map(workspaces, async (workspace) => {
      const arn = workspace.arn as string;
      const id = workspace.workspaceId as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id,
        alias: workspace.alias,
        status: workspace.status?.statusCode,
        kmsKeyArn: workspace.kmsKeyArn,
      };
      fields.files.tags = tagsMap(workspace.tags);
      const policy = await readResourceField(() => client.send(new DescribeResourcePolicyCommand({ workspaceId: id })));
      fields.set('policy', policy, (out) => policyDocument(out.policyDocument));
      return fields;
    });
    return recordsResult(records);
  },
};
