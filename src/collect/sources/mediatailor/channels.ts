import { GetChannelPolicyCommand, ListChannelsCommand, MediaTailorClient } from '@aws-sdk/client-mediatailor';
import { FieldCollector, isoDate } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Elemental MediaTailor channels (channel assembly) with their channel policy (who may read the
 * channel's playback endpoints: often public, or CloudFront) and tags. The listing returns the tags
 * with each channel, so only the policy costs one call per channel (NotFound, 404, when there is none).
 */
export const mediaTailorChannels: Source = {
  name: 'mediatailor/channels',
  service: 'mediatailor',
  scope: 'regional',
  description: 'Elemental MediaTailor channels: channel policy, tags',
  apiCalls: ['mediatailor:ListChannels', 'mediatailor:GetChannelPolicy'],
  stores: [
    { label: 'channel', service: 'mediatailor', resourceType: 'channel', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(MediaTailorClient);
    const pages = await allPages(
      (token) => client.send(new ListChannelsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const channels = pages.flatMap((page) => page.Items ?? []).filter((channel) => channel.Arn && channel.ChannelName);
    const records = await ctx.map(channels, async (channel) => {
      const arn = channel.Arn as string;
      const name = channel.ChannelName as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name,
        state: channel.ChannelState,
        playbackMode: channel.PlaybackMode,
        tier: channel.Tier,
        createdAt: isoDate(channel.CreationTime),
      };
      fields.files.tags = tagsMap(channel.Tags);
      const policy = await readResourceField(() => client.send(new GetChannelPolicyCommand({ ChannelName: name })));
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      return fields;
    });
    return recordsResult(records);
  },
};
