import {
  DescribeResourcePolicyCommand,
  type LexModelsV2Client,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-lex-models-v2';
import { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField, tagsMap } from '../policy-fields.js';

/** A Lex V2 bot's or alias's files: its metadata, its resource policy and its tags (two calls). */
export async function lexResource(
  lex: LexModelsV2Client,
  arn: string,
  metadata: Record<string, unknown>,
): Promise<FieldCollector> {
  const fields = new FieldCollector(arn);
  fields.files.metadata = { arn, ...metadata };
  const [policy, tags] = await Promise.all([
    readResourceField(() => lex.send(new DescribeResourcePolicyCommand({ resourceArn: arn }))),
    readResourceField(() => lex.send(new ListTagsForResourceCommand({ resourceARN: arn }))),
  ]);
  fields.set('policy', policy, (out) => policyDocument(out.policy));
  fields.set('tags', tags, (out) => tagsMap(out.tags));
  return fields;
}
