import {
  type ChannelListConfiguration,
  ListChannelGroupsCommand,
  ListChannelsCommand,
  MediaPackageV2Client,
} from '@aws-sdk/client-mediapackagev2';
import type { SourceContext } from '../types.js';
import { allPages } from '../policy-fields.js';

/**
 * Every MediaPackage v2 channel of the job's account and region: ListChannelGroups, then ListChannels
 * per group. Read once per run and account and region, shared by the channel and the origin-endpoint
 * sources (both need the channels; origin endpoints are listed per channel).
 */
export function listChannels(ctx: SourceContext): Promise<ChannelListConfiguration[]> {
  return ctx.once(`mediapackagev2/channels/${ctx.account}/${ctx.region}`, async () => {
    const client = ctx.client(MediaPackageV2Client);
    const groupPages = await allPages(
      (token) => client.send(new ListChannelGroupsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const groups = groupPages.flatMap((page) => page.Items ?? []).filter((group) => group.ChannelGroupName);
    const channelLists = await ctx.map(groups, async (group) => {
      const pages = await allPages(
        (token) =>
          client.send(
            new ListChannelsCommand({
              ChannelGroupName: group.ChannelGroupName as string,
              MaxResults: 100,
              NextToken: token,
            }),
          ),
        (page) => page.NextToken,
      );
      return pages.flatMap((page) => page.Items ?? []);
    });
    return channelLists.flat().filter((channel) => channel.Arn && channel.ChannelGroupName && channel.ChannelName);
  });
}
