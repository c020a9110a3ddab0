import { type BedrockClient, GetResourcePolicyCommand, ListTagsForResourceCommand } from '@aws-sdk/client-bedrock';
import { type FieldCollector, lowerCaseTagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';

/** The resource policy and tags of a custom model or guardrail, one call each, into `fields`. */
export async function readPolicyAndTags(
  client: BedrockClient,
  arn: string,
  fields: FieldCollector,
): Promise<FieldCollector> {
  const [policy, tags] = await Promise.all([
    readResourceField(() => client.send(new GetResourcePolicyCommand({ resourceArn: arn }))),
    readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceARN: arn }))),
  ]);
  fields.set('policy', policy, (out) => policyDocument(out.resourcePolicy));
  fields.set('tags', tags, (out) => lowerCaseTagsObject(out.tags));
  return fields;
}
