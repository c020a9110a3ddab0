import {
  ComprehendClient,
  DescribeResourcePolicyCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-comprehend';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source, SourceResult } from '../types.js';

/** One trained model version as its listing gives it. */
export interface ComprehendModel {
  readonly arn: string;
  readonly metadata: Record<string, unknown>;
}

/**
 * Comprehend's custom models (document classifiers, entity recognizers) share their policy and tag
 * calls: DescribeResourcePolicy (ResourceNotFoundException when the model has none) and
 * ListTagsForResource, one each per model version (every version has its own ARN and policy).
 */
export async function collectComprehendModels(
  ctx: Parameters<Source['collect']>[0],
  list: (client: ComprehendClient) => Promise<ComprehendModel[]>,
): Promise<SourceResult> {
  const client = ctx.client(ComprehendClient);
  const models = await list(client);
  const records = await ctx.map(models, async (model) => {
    const fields = new FieldCollector(model.arn);
    fields.files.metadata = model.metadata;
    const [policy, tags] = await Promise.all([
      readResourceField(() => client.send(new DescribeResourcePolicyCommand({ ResourceArn: model.arn }))),
      readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceArn: model.arn }))),
    ]);
    fields.set('policy', policy, (out) => policyDocument(out.ResourcePolicy));
    fields.set('tags', tags, (out) => tagsObject(out.Tags));
    return fields;
  });
  return recordsResult(records);
}

/** The model's name: the ARN's segment after the resource type (names have no `/`; versions follow it). */
export function modelName(arn: string): string | undefined {
  return arn.split('/')[1];
}
