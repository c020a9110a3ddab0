import {
  DescribeEventBusCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * EventBridge event buses (the default one included) with their resource policy, KMS key and tags.
 * The policy comes with the listing; DescribeEventBus adds the key.
 */
export const eventBuses: Source = {
  name: 'events/eventBuses',
  service: 'events',
  scope: 'regional',
  description: 'EventBridge event buses: resource policy, KMS key, tags',
  apiCalls: ['events:ListEventBuses', 'events:DescribeEventBus', 'events:ListTagsForResource'],
  stores: [{ label: 'eventBus', service: 'events', resourceType: 'event-bus', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(EventBridgeClient);
    const pages = await allPages(
      (token) => client.send(new ListEventBusesCommand({ Limit: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const buses = pages.flatMap((page) => page.EventBuses ?? []).filter((bus) => bus.Arn && bus.Name);
    const records = await ctx.map(buses, async (bus) => {
      const arn = bus.Arn as string;
      const fields = new FieldCollector(arn);
      fields.files.policy = policyDocument(bus.Policy);
      const [described, tags] = await Promise.all([
        readResourceField(() => client.send(new DescribeEventBusCommand({ Name: arn }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceARN: arn }))),
      ]);
      fields.set('metadata', described, (out) => ({ arn, name: bus.Name, kmsKey: out.KmsKeyIdentifier }));
      fields.set('tags', tags, (out) => tagsObject(out.Tags));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
