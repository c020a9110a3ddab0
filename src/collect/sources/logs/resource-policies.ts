import { CloudWatchLogsClient, DescribeResourcePoliciesCommand } from '@aws-sdk/client-cloudwatch-logs';
import { allPages, policyDocument } from '../policy-fields.js';
import type { ResourceRecord, Source } from '../types.js';

/**
 * CloudWatch Logs account-level resource policies: which services and accounts may write to the
 * account's log groups (Route 53 query logs, EventBridge, log delivery...). They have names, not
 * ARNs, so each is stored under a synthetic ARN `arn:<partition>:logs:<region>:<account>:resource-policy:<name>`,
 * i.e. `logs/<region>/resource-policy/<name>/`. The listing returns the documents: one call per 50.
 */
export const logsResourcePolicies: Source = {
  name: 'logs/resourcePolicies',
  service: 'logs',
  scope: 'regional',
  description: 'CloudWatch Logs account-level resource policies',
  apiCalls: ['logs:DescribeResourcePolicies'],
  stores: [
    { label: 'resourcePolicy', service: 'logs', resourceType: 'resource-policy', files: ['metadata', 'policy'] },
  ],

  async collect(ctx) {
    const logs = ctx.client(CloudWatchLogsClient);
    const pages = await allPages(
      (token) => logs.send(new DescribeResourcePoliciesCommand({ limit: 50, nextToken: token })),
      (page) => page.nextToken,
    );
    const resources: ResourceRecord[] = pages.flatMap((page) =>
      (page.resourcePolicies ?? []).flatMap((policy) => {
        if (!policy.policyName) return [];
        const arn = `arn:${ctx.partition}:logs:${ctx.region}:${ctx.account}:resource-policy:${policy.policyName}`;
        return [
          {
            arn,
            files: {
              metadata: { arn, name: policy.policyName, scope: policy.policyScope },
              policy: policyDocument(policy.policyDocument),
            },
          },
        ];
      }),
    );
    return { resources };
  },
};
