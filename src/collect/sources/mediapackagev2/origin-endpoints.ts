import {
  GetOriginEndpointPolicyCommand,
  ListOriginEndpointsCommand,
  ListTagsForResourceCommand,
  MediaPackageV2Client,
} from '@aws-sdk/client-mediapackagev2';
import { FieldCollector, isoDate } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { listChannels } from './channel-listing.js';

/**
 * Elemental MediaPackage v2 origin endpoints with their origin endpoint policy (who may read the
 * packaged streams: CDNs, other accounts, often CloudFront by SourceArn) and tags. Listed per channel
 * (the channel listing is shared with mediapackagev2/channels); stored in the channels' folder
 * `channelgroup`, owning only the folders their metadata marks. No policy: ResourceNotFoundException.
 */
export const mediaPackageV2OriginEndpoints: Source = {
  name: 'mediapackagev2/originEndpoints',
  service: 'mediapackagev2',
  scope: 'regional',
  description: 'Elemental MediaPackage v2 origin endpoints: origin endpoint policy, tags',
  apiCalls: [
    'mediapackagev2:ListChannelGroups',
    'mediapackagev2:ListChannels',
    'mediapackagev2:ListOriginEndpoints',
    'mediapackagev2:GetOriginEndpointPolicy',
    'mediapackagev2:ListTagsForResource',
  ],
  stores: [
    {
      label: 'originEndpoint',
      service: 'mediapackagev2',
      resourceType: 'channelGroup',
      files: ['metadata', 'policy', 'tags'],
      owns: (metadata) => metadata?.type === 'originEndpoint',
    },
  ],

  async collect(ctx) {
    const client = ctx.client(MediaPackageV2Client);
    const channels = await listChannels(ctx);
    const endpointLists = await ctx.map(channels, async (channel) => {
      const pages = await allPages(
        (token) =>
          client.send(
            new ListOriginEndpointsCommand({
              ChannelGroupName: channel.ChannelGroupName as string,
              ChannelName: channel.ChannelName as string,
              MaxResults: 100,
              NextToken: token,
            }),
          ),
        (page) => page.NextToken,
      );
      return pages.flatMap((page) => page.Items ?? []);
    });
    const endpoints = endpointLists
      .flat()
      .filter((e) => e.Arn && e.ChannelGroupName && e.ChannelName && e.OriginEndpointName);
    const records = await ctx.map(endpoints, async (endpoint) => {
      const arn = endpoint.Arn as string;
      const names = {
        ChannelGroupName: endpoint.ChannelGroupName as string,
        ChannelName: endpoint.ChannelName as string,
        OriginEndpointName: endpoint.OriginEndpointName as string,
      };
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        type: 'originEndpoint',
        channelGroupName: names.ChannelGroupName,
        channelName: names.ChannelName,
        name: names.OriginEndpointName,
        description: endpoint.Description,
        containerType: endpoint.ContainerType,
        createdAt: isoDate(endpoint.CreatedAt),
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetOriginEndpointPolicyCommand(names))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (out) => tagsMap(out.Tags));
      return fields;
    });
    return recordsResult(records);
  },
};
