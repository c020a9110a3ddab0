import { ListChannelsCommand } from '@aws-sdk/client-cloudtrail';
import { cloudtrailResourcePolicySource } from './resource-policy-source.js';

/** CloudTrail Lake channels: which sources outside AWS (or other accounts) may put events into them. */
export const cloudtrailChannels = cloudtrailResourcePolicySource({
  sync: 'channels',
  label: 'channel',
  resourceType: 'channel',
  description: 'CloudTrail Lake channels for events from outside AWS: resource policy, tags',
  listAction: 'cloudtrail:ListChannels',
  async list(client, token) {
    const page = await client.send(new ListChannelsCommand({ MaxResults: 1000, NextToken: token }));
    const items = (page.Channels ?? []).flatMap((channel) =>
      channel.ChannelArn ? [{ arn: channel.ChannelArn, metadata: { name: channel.Name } }] : [],
    );
    return { items, next: page.NextToken };
  },
});
