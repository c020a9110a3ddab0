import { CloudFormationClient, DescribeStacksCommand, GetStackPolicyCommand } from '@aws-sdk/client-cloudformation';
import { errorName } from '../../aws/errors.js';
import { FieldCollector, isoDate, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * CloudFormation stacks with their stack policy (which stack updates may change which resources) and
 * tags. DescribeStacks lists the live stacks with their tags in one paged call (deleted stacks are left
 * out, and skipped should one come back); the policy costs one call per stack, and a stack without
 * one answers no StackPolicyBody: absent. Parameters and outputs are not stored: they may hold values
 * that are not the collector's to copy. Folders come from the stack ARN, `stack/<name>/<uuid>`.
 */
export const cloudformationStacks: Source = {
  name: 'cloudformation/stacks',
  service: 'cloudformation',
  scope: 'regional',
  description: 'CloudFormation stacks: stack policy, service role, tags',
  apiCalls: ['cloudformation:DescribeStacks', 'cloudformation:GetStackPolicy'],
  stores: [{ label: 'stack', service: 'cloudformation', resourceType: 'stack', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(CloudFormationClient);
    const pages = await allPages(
      (token) => client.send(new DescribeStacksCommand({ NextToken: token })),
      (page) => page.NextToken,
    );
    const stacks = pages
      .flatMap((page) => page.Stacks ?? [])
      .filter((stack) => stack.StackId && stack.StackStatus !== 'DELETE_COMPLETE');
    const records = await ctx.map(stacks, async (stack) => {
      const arn = stack.StackId as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: stack.StackName,
        description: stack.Description,
        status: stack.StackStatus,
        creationTime: isoDate(stack.CreationTime),
        roleArn: stack.RoleARN,
        parentId: stack.ParentId,
        rootId: stack.RootId,
        terminationProtection: stack.EnableTerminationProtection,
      };
      fields.files.tags = tagsObject(stack.Tags);
      const policy = await readResourceField(() =>
        orAbsentStack(() => client.send(new GetStackPolicyCommand({ StackName: arn }))),
      );
      fields.set('policy', policy, (out) => policyDocument(out?.StackPolicyBody));
      return fields;
    });
    return recordsResult(records);
  },
};

/**
 * CloudFormation answers a read of a stack deleted since the listing with a plain ValidationError
 * ("Stack with id ... does not exist"), not a NotFound error: that means absent, not a failed job.
 */
async function orAbsentStack<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (errorName(error) === 'ValidationError' && /\bdoes not exist\b/i.test((error as Error).message ?? '')) {
      return undefined;
    }
    throw error;
  }
}
