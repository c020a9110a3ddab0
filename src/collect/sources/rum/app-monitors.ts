import {
  GetResourcePolicyCommand,
  ListAppMonitorsCommand,
  ListTagsForResourceCommand,
  RUMClient,
} from '@aws-sdk/client-rum';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * CloudWatch RUM app monitors with their resource policy (who may send RUM events to the monitor, e.g.
 * anonymous browsers through `rum:PutRumEvents`) and tags. The listing gives name, id, state and
 * platform but no ARN, which is built from the name; the policy (PolicyNotFoundException when there is
 * none) and the tags cost one call each per monitor.
 */
export const rumAppMonitors: Source = {
  name: 'rum/appMonitors',
  service: 'rum',
  scope: 'regional',
  description: 'CloudWatch RUM app monitors: resource policy, tags',
  apiCalls: ['rum:ListAppMonitors', 'rum:GetResourcePolicy', 'rum:ListTagsForResource'],
  stores: [{ label: 'appMonitor', service: 'rum', resourceType: 'appmonitor', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(RUMClient);
    const pages = await allPages(
      (token) => client.send(new ListAppMonitorsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const monitors = pages.flatMap((page) => page.AppMonitorSummaries ?? []).filter((monitor) => monitor.Name);
    const records = await ctx.map(monitors, async (monitor) => {
      const name = monitor.Name as string;
      const arn = `arn:${ctx.partition}:rum:${ctx.region}:${ctx.account}:appmonitor/${name}`;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name, id: monitor.Id, state: monitor.State, platform: monitor.Platform };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetResourcePolicyCommand({ Name: name }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.PolicyDocument));
      fields.set('tags', tags, (out) => tagsMap(out.Tags));
      return fields;
    });
    return recordsResult(records);
  },
};
