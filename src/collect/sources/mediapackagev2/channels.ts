import {
  GetChannelPolicyCommand,
  ListTagsForResourceCommand,
  MediaPackageV2Client,
} from '@aws-sdk/client-mediapackagev2';
import { FieldCollector, isoDate } from '../fields.js';
import { policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { listChannels } from './channel-listing.js';

/**
 * Elemental MediaPackage v2 channels with their channel policy (who may push content to the channel's
 * ingest endpoints) and tags. Channels and their origin endpoints share the folder `channelgroup`
 * (ARNs `channelGroup/<group>/channel/<name>[/originEndpoint/<name>]`), so each source owns only the
 * folders its metadata marks. A channel without a policy answers ResourceNotFoundException (absent).
 */
export const mediaPackageV2Channels: Source = {
  name: 'mediapackagev2/channels',
  service: 'mediapackagev2',
  scope: 'regional',
  description: 'Elemental MediaPackage v2 channels: channel policy, tags',
  apiCalls: [
    'mediapackagev2:ListChannelGroups',
    'mediapackagev2:ListChannels',
    'mediapackagev2:GetChannelPolicy',
    'mediapackagev2:ListTagsForResource',
  ],
  stores: [
    {
      label: 'channel',
      service: 'mediapackagev2',
      resourceType: 'channelGroup',
      files: ['metadata', 'policy', 'tags'],
      owns: (metadata) => metadata?.type === 'channel',
    },
  ],

  async collect(ctx) {
    const client = ctx.client(MediaPackageV2Client);
    const channels = await listChannels(ctx);
    const records = await ctx.map(channels, async (channel) => {
      const arn = channel.Arn as string;
      const ChannelGroupName = channel.ChannelGroupName as string;
      const ChannelName = channel.ChannelName as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        type: 'channel',
        channelGroupName: ChannelGroupName,
        name: ChannelName,
        description: channel.Description,
        inputType: channel.InputType,
        createdAt: isoDate(channel.CreatedAt),
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetChannelPolicyCommand({ ChannelGroupName, ChannelName }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (out) => tagsMap(out.Tags));
      return fields;
    });
    return recordsResult(records);
  },
};
