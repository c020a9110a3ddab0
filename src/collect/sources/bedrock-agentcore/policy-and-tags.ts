import {
  type BedrockAgentCoreControlClient,
  GetResourcePolicyCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField, tagsMap } from '../policy-fields.js';

/** The resource policy and tags of a runtime, runtime endpoint or gateway, one call each, into `fields`. */
export async function readPolicyAndTags(
  client: BedrockAgentCoreControlClient,
  arn: string,
  fields: FieldCollector,
): Promise<FieldCollector> {
  const [policy, tags] = await Promise.all([
    readResourceField(() => client.send(new GetResourcePolicyCommand({ resourceArn: arn }))),
    readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
  ]);
  fields.set('policy', policy, (out) => policyDocument(out.policy));
  fields.set('tags', tags, (out) => tagsMap(out.tags));
  return fields;
}
