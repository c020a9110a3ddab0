import {
  DescribeParametersCommand,
  ListTagsForResourceCommand,
  type ParameterMetadata,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { errorName } from '../../aws/errors.js';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { ssmResourcePolicies } from './resource-policies.js';

/**
 * Systems Manager parameters the account owns, with their resource policies and tags. Only
 * advanced-tier parameters can have a resource policy (it shares them with other accounts through
 * RAM), so GetResourcePolicies is called for those alone. A parameter's value is never read: the
 * listing gives the metadata, and neither this source nor the collector's policy asks for
 * GetParameter(s).
 */
export const ssmParameters: Source = {
  name: 'ssm/parameters',
  service: 'ssm',
  scope: 'regional',
  description:
    'Systems Manager parameters: resource policies (advanced tier, RAM shares), type, KMS key, tags (never the value)',
  apiCalls: ['ssm:DescribeParameters', 'ssm:GetResourcePolicies', 'ssm:ListTagsForResource'],
  stores: [{ label: 'parameter', service: 'ssm', resourceType: 'parameter', files: ['metadata', 'policies', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(SSMClient);
    const pages = await allPages(
      (token) => client.send(new DescribeParametersCommand({ MaxResults: 50, NextToken: token })),
      (page) => page.NextToken,
    );
    const parameters = pages.flatMap((page) => page.Parameters ?? []).filter((p) => p.Name);
    const records = await ctx.map(parameters, async (parameter) => {
      const name = parameter.Name as string;
      const arn = parameter.ARN ?? parameterArn(ctx.partition, ctx.region, ctx.account, name);
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name,
        type: parameter.Type,
        tier: parameter.Tier,
        dataType: parameter.DataType,
        keyId: parameter.KeyId,
      };
      const [policies, tags] = await Promise.all([
        advanced(parameter) ? readResourceField(() => ssmResourcePolicies(client, arn)) : undefined,
        readResourceField(() => parameterTags(client, name)),
      ]);
      if (policies) fields.set('policies', policies);
      else fields.files.policies = undefined;
      fields.set('tags', tags);
      return fields;
    });
    return recordsResult(records);
  },
};

/** Standard parameters cannot have a resource policy; Intelligent-Tiering is stored as one of the two. */
function advanced(parameter: ParameterMetadata): boolean {
  return parameter.Tier === 'Advanced';
}

/**
 * `arn:<partition>:ssm:<region>:<account>:parameter/<name without its leading slash>`, for answers
 * that leave out the ARN (DescribeParameters returns it only since 2023).
 */
function parameterArn(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`;
}

/** A parameter's tags; undefined when it has none or was deleted since the listing (InvalidResourceId). */
async function parameterTags(client: SSMClient, name: string): Promise<Record<string, string> | undefined> {
  try {
    const out = await client.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: name }));
    return tagsObject(out.TagList);
  } catch (error) {
    if (errorName(error) === 'InvalidResourceId') return undefined;
    throw error;
  }
}
