import {
  GetResolverQueryLogConfigPolicyCommand,
  ListResolverQueryLogConfigsCommand,
  Route53ResolverClient,
} from '@aws-sdk/client-route53resolver';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';
import { resolverTags } from './tags.js';

/**
 * Route 53 Resolver query logging configurations the account owns, with their policy (which accounts
 * it is shared with through RAM, to log their VPCs' DNS queries) and tags: two calls per config.
 */
export const resolverQueryLogConfigs: Source = {
  name: 'route53resolver/queryLogConfigs',
  service: 'route53resolver',
  scope: 'regional',
  description: 'Route 53 Resolver query logging configurations: sharing policy, destination, tags',
  apiCalls: [
    'route53resolver:ListResolverQueryLogConfigs',
    'route53resolver:GetResolverQueryLogConfigPolicy',
    'route53resolver:ListTagsForResource',
  ],
  stores: [
    {
      label: 'queryLogConfig',
      service: 'route53resolver',
      resourceType: 'resolver-query-log-config',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(Route53ResolverClient);
    const pages = await allPages(
      (token) => client.send(new ListResolverQueryLogConfigsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    // Configs shared with this account by others are theirs to collect.
    const configs = pages
      .flatMap((page) => page.ResolverQueryLogConfigs ?? [])
      .filter((c) => c.Arn && c.OwnerId === ctx.account);
    const records = await ctx.map(configs, async (config) => {
      const arn = config.Arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id: config.Id,
        name: config.Name,
        destinationArn: config.DestinationArn,
        shareStatus: config.ShareStatus,
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetResolverQueryLogConfigPolicyCommand({ Arn: arn }))),
        readResourceField(() => resolverTags(client, arn)),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.ResolverQueryLogConfigPolicy));
      fields.set('tags', tags);
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
