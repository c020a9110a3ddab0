import { DescribePhoneNumbersCommand, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { smsVoiceResource } from './resource-policy.js';

/**
 * End User Messaging SMS phone numbers the account owns, with their resource policy (which accounts
 * may send from them, shared through RAM) and tags. Numbers shared by other accounts are theirs.
 */
export const smsVoicePhoneNumbers: Source = {
  name: 'sms-voice/phoneNumbers',
  service: 'sms-voice',
  scope: 'regional',
  description: 'End User Messaging SMS phone numbers: resource policy, tags',
  apiCalls: ['sms-voice:DescribePhoneNumbers', 'sms-voice:GetResourcePolicy', 'sms-voice:ListTagsForResource'],
  stores: [
    { label: 'phoneNumber', service: 'sms-voice', resourceType: 'phone-number', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(PinpointSMSVoiceV2Client);
    const pages = await allPages(
      (token) => client.send(new DescribePhoneNumbersCommand({ Owner: 'SELF', MaxResults: 50, NextToken: token })),
      (page) => page.NextToken,
    );
    const numbers = pages.flatMap((page) => page.PhoneNumbers ?? []).filter((number) => number.PhoneNumberArn);
    const records = await ctx.map(numbers, (number) =>
      smsVoiceResource(client, number.PhoneNumberArn as string, {
        id: number.PhoneNumberId,
        phoneNumber: number.PhoneNumber,
        isoCountryCode: number.IsoCountryCode,
        messageType: number.MessageType,
        numberType: number.NumberType,
        poolId: number.PoolId,
        optOutListName: number.OptOutListName,
      }),
    );
    return recordsResult(records);
  },
};
