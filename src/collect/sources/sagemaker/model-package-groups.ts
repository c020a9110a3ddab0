import {
  GetModelPackageGroupPolicyCommand,
  ListModelPackageGroupsCommand,
  ListTagsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { orAbsentPolicy } from './absent-policy.js';

/**
 * SageMaker model package groups (the model registry) that the account owns, with their resource
 * policy (which other accounts may read or register model versions) and tags. The listing gives name,
 * ARN, description and status; the policy costs one call per group, the tags one per 100 tags.
 */
export const sagemakerModelPackageGroups: Source = {
  name: 'sagemaker/modelPackageGroups',
  service: 'sagemaker',
  scope: 'regional',
  description: 'SageMaker model package groups (model registry): resource policy, tags',
  apiCalls: ['sagemaker:ListModelPackageGroups', 'sagemaker:GetModelPackageGroupPolicy', 'sagemaker:ListTags'],
  stores: [
    {
      label: 'modelPackageGroup',
      service: 'sagemaker',
      resourceType: 'model-package-group',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(SageMakerClient);
    const pages = await allPages(
      (token) =>
        client.send(
          new ListModelPackageGroupsCommand({
            CrossAccountFilterOption: 'SameAccount',
            MaxResults: 100,
            NextToken: token,
          }),
        ),
      (page) => page.NextToken,
    );
    const groups = pages
      .flatMap((page) => page.ModelPackageGroupSummaryList ?? [])
      .filter((group) => group.ModelPackageGroupArn && group.ModelPackageGroupName);
    const records = await ctx.map(groups, async (group) => {
      const arn = group.ModelPackageGroupArn as string;
      const name = group.ModelPackageGroupName as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name,
        description: group.ModelPackageGroupDescription,
        status: group.ModelPackageGroupStatus,
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() =>
          orAbsentPolicy(() => client.send(new GetModelPackageGroupPolicyCommand({ ModelPackageGroupName: name }))),
        ),
        readResourceField(() =>
          allPages(
            (token) => client.send(new ListTagsCommand({ ResourceArn: arn, MaxResults: 100, NextToken: token })),
            (page) => page.NextToken,
          ),
        ),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out?.ResourcePolicy));
      fields.set('tags', tags, (all) => tagsObject(all.flatMap((page) => page.Tags ?? [])));
      return fields;
    });
    return recordsResult(records);
  },
};
