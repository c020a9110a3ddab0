import { GetLineageGroupPolicyCommand, ListLineageGroupsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { orAbsentPolicy } from './absent-policy.js';

/**
 * SageMaker ML lineage groups (made by SageMaker Pipelines) with their resource policy (which other
 * accounts may query the lineage). Lineage groups take no tags. The listing gives name, ARN and
 * display name; the policy costs one call per group (ResourceNotFound when there is none).
 */
export const sagemakerLineageGroups: Source = {
  name: 'sagemaker/lineageGroups',
  service: 'sagemaker',
  scope: 'regional',
  description: 'SageMaker lineage groups: resource policy',
  apiCalls: ['sagemaker:ListLineageGroups', 'sagemaker:GetLineageGroupPolicy'],
  stores: [
    { label: 'lineageGroup', service: 'sagemaker', resourceType: 'lineage-group', files: ['metadata', 'policy'] },
  ],

  async collect(ctx) {
    const client = ctx.client(SageMakerClient);
    const pages = await allPages(
      (token) => client.send(new ListLineageGroupsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const groups = pages
      .flatMap((page) => page.LineageGroupSummaries ?? [])
      .filter((group) => group.LineageGroupArn && group.LineageGroupName);
    const records = await ctx.map(groups, async (group) => {
      const arn = group.LineageGroupArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name: group.LineageGroupName, displayName: group.DisplayName };
      const policy = await readResourceField(() =>
        orAbsentPolicy(() => client.send(new GetLineageGroupPolicyCommand({ LineageGroupName: arn }))),
      );
      fields.set('policy', policy, (out) => policyDocument(out?.ResourcePolicy));
      return fields;
    });
    return recordsResult(records);
  },
};
