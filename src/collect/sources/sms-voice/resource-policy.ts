import {
  GetResourcePolicyCommand,
  ListTagsForResourceCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';

/**
 * One End User Messaging SMS resource (phone number, pool, opt-out list, sender ID) with its resource
 * policy and tags. GetResourcePolicy answers without a `Policy` member when there is none (absent) and
 * ResourceNotFoundException for a resource deleted since the listing (absent too).
 */
export async function smsVoiceResource(
  client: PinpointSMSVoiceV2Client,
  arn: string,
  metadata: Record<string, unknown>,
): Promise<FieldCollector> {
  const fields = new FieldCollector(arn);
  fields.files.metadata = { arn, ...metadata };
  const [policy, tags] = await Promise.all([
    readResourceField(() => client.send(new GetResourcePolicyCommand({ ResourceArn: arn }))),
    readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))),
  ]);
  fields.set('policy', policy, (out) => policyDocument(out.Policy));
  fields.set('tags', tags, (out) => tagsObject(out.Tags));
  return fields;
}
