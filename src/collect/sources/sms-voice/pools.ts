import { DescribePoolsCommand, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { smsVoiceResource } from './resource-policy.js';

/** End User Messaging SMS pools (groups of origination identities) the account owns: resource policy, tags. */
export const smsVoicePools: Source = {
  name: 'sms-voice/pools',
  service: 'sms-voice',
  scope: 'regional',
  description: 'End User Messaging SMS pools: resource policy, tags',
  apiCalls: ['sms-voice:DescribePools', 'sms-voice:GetResourcePolicy', 'sms-voice:ListTagsForResource'],
  stores: [{ label: 'pool', service: 'sms-voice', resourceType: 'pool', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(PinpointSMSVoiceV2Client);
    const pages = await allPages(
      (token) => client.send(new DescribePoolsCommand({ Owner: 'SELF', MaxResults: 50, NextToken: token })),
      (page) => page.NextToken,
    );
    const pools = pages.flatMap((page) => page.Pools ?? []).filter((pool) => pool.PoolArn);
    const records = await ctx.map(pools, (pool) =>
      smsVoiceResource(client, pool.PoolArn as string, {
        id: pool.PoolId,
        messageType: pool.MessageType,
        optOutListName: pool.OptOutListName,
        sharedRoutesEnabled: pool.SharedRoutesEnabled,
      }),
    );
    return recordsResult(records);
  },
};
