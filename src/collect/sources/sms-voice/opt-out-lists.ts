import { DescribeOptOutListsCommand, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { smsVoiceResource } from './resource-policy.js';

/** End User Messaging SMS opt-out lists the account owns: resource policy, tags. Never the numbers on them. */
export const smsVoiceOptOutLists: Source = {
  name: 'sms-voice/optOutLists',
  service: 'sms-voice',
  scope: 'regional',
  description: 'End User Messaging SMS opt-out lists: resource policy, tags',
  apiCalls: ['sms-voice:DescribeOptOutLists', 'sms-voice:GetResourcePolicy', 'sms-voice:ListTagsForResource'],
  stores: [
    { label: 'optOutList', service: 'sms-voice', resourceType: 'opt-out-list', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(PinpointSMSVoiceV2Client);
    const pages = await allPages(
      (token) => client.send(new DescribeOptOutListsCommand({ Owner: 'SELF', MaxResults: 50, NextToken: token })),
      (page) => page.NextToken,
    );
    const lists = pages.flatMap((page) => page.OptOutLists ?? []).filter((list) => list.OptOutListArn);
    const records = await ctx.map(lists, (list) =>
      smsVoiceResource(client, list.OptOutListArn as string, { name: list.OptOutListName }),
    );
    return recordsResult(records);
  },
};
