import {
  DescribeResourcePolicyCommand,
  ListTagsForResourceCommand,
  NetworkFirewallClient,
} from '@aws-sdk/client-network-firewall';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source, StoredType } from '../types.js';

/** One listed resource: its ARN, name and any other attributes the listing gives, for the metadata. */
export interface FirewallItem {
  readonly arn: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * A Network Firewall resource type that can carry a resource policy (the policy AWS RAM writes to
 * share it with other accounts), with its tags. The listing gives ARNs and names; the policy and the
 * tags cost one call each per resource (tags: one more per 100 tags).
 */
export function networkFirewallSource(spec: {
  sync: string;
  description: string;
  listAction: string;
  stores: ReadonlyArray<Pick<StoredType, 'label' | 'resourceType'>>;
  list(client: NetworkFirewallClient): Promise<FirewallItem[]>;
}): Source {
  return {
    name: `network-firewall/${spec.sync}`,
    service: 'network-firewall',
    scope: 'regional',
    description: spec.description,
    apiCalls: [
      `network-firewall:${spec.listAction}`,
      'network-firewall:DescribeResourcePolicy',
      'network-firewall:ListTagsForResource',
    ],
    stores: spec.stores.map((store) => ({
      ...store,
      service: 'network-firewall',
      files: ['metadata', 'policy', 'tags'],
    })),

    async collect(ctx) {
      const client = ctx.client(NetworkFirewallClient);
      const items = await spec.list(client);
      const records = await ctx.map(items, async (item) => {
        const fields = new FieldCollector(item.arn);
        fields.files.metadata = item.metadata;
        const [policy, tags] = await Promise.all([
          readResourceField(() => client.send(new DescribeResourcePolicyCommand({ ResourceArn: item.arn }))),
          readResourceField(() =>
            allPages(
              (token) =>
                client.send(
                  new ListTagsForResourceCommand({ ResourceArn: item.arn, MaxResults: 100, NextToken: token }),
                ),
              (page) => page.NextToken,
            ),
          ),
        ]);
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        fields.set('tags', tags, (pages) => tagsObject(pages.flatMap((page) => page.Tags ?? [])));
        return fields;
      });
      return recordsResult(records);
    },
  };
}
