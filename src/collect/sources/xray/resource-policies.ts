import { ListResourcePoliciesCommand, XRayClient } from '@aws-sdk/client-xray';
import { allPages, policyDocument } from '../policy-fields.js';
import type { ResourceRecord, Source } from '../types.js';

/**
 * X-Ray account-level resource policies: which services and accounts may send traces to the
 * account's X-Ray (SNS, EventBridge, Step Functions...). They have names, not ARNs, so each is stored
 * under a synthetic ARN `arn:<partition>:xray:<region>:<account>:resource-policy:<name>`, i.e.
 * `xray/<region>/resource-policy/<name>/`, as CloudWatch Logs' resource policies are. The listing
 * returns the documents: no call per policy. They have no tags.
 */
export const xrayResourcePolicies: Source = {
  name: 'xray/resourcePolicies',
  service: 'xray',
  scope: 'regional',
  description: 'X-Ray account-level resource policies',
  apiCalls: ['xray:ListResourcePolicies'],
  stores: [
    { label: 'resourcePolicy', service: 'xray', resourceType: 'resource-policy', files: ['metadata', 'policy'] },
  ],

  async collect(ctx) {
    const client = ctx.client(XRayClient);
    const pages = await allPages(
      (token) => client.send(new ListResourcePoliciesCommand({ NextToken: token })),
      (page) => page.NextToken,
    );
    const resources: ResourceRecord[] = pages.flatMap((page) =>
      (page.ResourcePolicies ?? []).flatMap((policy) => {
        if (!policy.PolicyName) return [];
        const arn = `arn:${ctx.partition}:xray:${ctx.region}:${ctx.account}:resource-policy:${policy.PolicyName}`;
        return [
          {
            arn,
            files: {
              metadata: { arn, name: policy.PolicyName, revisionId: policy.PolicyRevisionId },
              policy: policyDocument(policy.PolicyDocument),
            },
          },
        ];
      }),
    );
    return { resources };
  },
};
