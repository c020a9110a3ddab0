import { DescribeSenderIdsCommand, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { smsVoiceResource } from './resource-policy.js';

/**
 * End User Messaging SMS sender IDs the account owns: resource policy, tags. A sender ID is registered
 * per country, so its ARN (and folder) is `sender-id/<sender id>/<country>`.
 */
export const smsVoiceSenderIds: Source = {
  name: 'sms-voice/senderIds',
  service: 'sms-voice',
  scope: 'regional',
  description: 'End User Messaging SMS sender IDs: resource policy, tags',
  apiCalls: ['sms-voice:DescribeSenderIds', 'sms-voice:GetResourcePolicy', 'sms-voice:ListTagsForResource'],
  stores: [
    { label: 'senderId', service: 'sms-voice', resourceType: 'sender-id', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(PinpointSMSVoiceV2Client);
    const pages = await allPages(
      (token) => client.send(new DescribeSenderIdsCommand({ Owner: 'SELF', MaxResults: 50, NextToken: token })),
      (page) => page.NextToken,
    );
    const senderIds = pages.flatMap((page) => page.SenderIds ?? []).filter((sender) => sender.SenderIdArn);
    const records = await ctx.map(senderIds, (sender) =>
      smsVoiceResource(client, sender.SenderIdArn as string, {
        senderId: sender.SenderId,
        isoCountryCode: sender.IsoCountryCode,
        messageTypes: sender.MessageTypes,
        registered: sender.Registered,
      }),
    );
    return recordsResult(records);
  },
};
