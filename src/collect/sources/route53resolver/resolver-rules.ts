import {
  GetResolverRulePolicyCommand,
  ListResolverRulesCommand,
  Route53ResolverClient,
} from '@aws-sdk/client-route53resolver';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';
import { resolverTags } from './tags.js';

/**
 * Route 53 Resolver rules the account owns, with their policy (which accounts the rule is shared with
 * through RAM, to forward their VPCs' DNS queries) and tags: two calls per rule. AWS's own rules
 * (owner "Route 53 Resolver") and rules shared by other accounts are left out.
 */
export const resolverRules: Source = {
  name: 'route53resolver/resolverRules',
  service: 'route53resolver',
  scope: 'regional',
  description: 'Route 53 Resolver rules: sharing policy, domain, type, tags',
  apiCalls: [
    'route53resolver:ListResolverRules',
    'route53resolver:GetResolverRulePolicy',
    'route53resolver:ListTagsForResource',
  ],
  stores: [
    {
      label: 'resolverRule',
      service: 'route53resolver',
      resourceType: 'resolver-rule',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(Route53ResolverClient);
    const pages = await allPages(
      (token) => client.send(new ListResolverRulesCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const rules = pages.flatMap((page) => page.ResolverRules ?? []).filter((r) => r.Arn && r.OwnerId === ctx.account);
    const records = await ctx.map(rules, async (rule) => {
      const arn = rule.Arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id: rule.Id,
        name: rule.Name,
        domainName: rule.DomainName,
        ruleType: rule.RuleType,
        shareStatus: rule.ShareStatus,
        resolverEndpointId: rule.ResolverEndpointId,
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetResolverRulePolicyCommand({ Arn: arn }))),
        readResourceField(() => resolverTags(client, arn)),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.ResolverRulePolicy));
      fields.set('tags', tags);
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
