import {
  DescribeResourcePolicyCommand,
  type LookoutEquipmentClient,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-lookoutequipment';
import { type FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';

/**
 * The resource policy and tags of a dataset or model, one call each, into `fields`
 * (ResourceNotFoundException on the policy: none set).
 */
export async function readPolicyAndTags(
  client: LookoutEquipmentClient,
  arn: string,
  fields: FieldCollector,
): Promise<FieldCollector> {
  const [policy, tags] = await Promise.all([
    readResourceField(() => client.send(new DescribeResourcePolicyCommand({ ResourceArn: arn }))),
    readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))),
  ]);
  fields.set('policy', policy, (out) => policyDocument(out.ResourcePolicy));
  fields.set('tags', tags, (out) => tagsObject(out.Tags));
  return fields;
}
