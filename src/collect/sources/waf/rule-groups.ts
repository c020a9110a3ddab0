import {
  GetPermissionPolicyCommand,
  ListRuleGroupsCommand,
  ListTagsForResourceCommand,
  WAFClient,
} from '@aws-sdk/client-waf';
import type { Source } from '../types.js';
import { collectClassicRuleGroups } from './classic-rule-groups.js';

/**
 * AWS WAF Classic rule groups (for CloudFront) with their permission policy and tags. WAF Classic is a
 * global service: its API is served from us-east-1 and its ARNs name no region
 * (`arn:aws:waf::<account>:rulegroup/<id>`), so rule groups are collected once per account.
 */
export const wafRuleGroups: Source = {
  name: 'waf/ruleGroups',
  service: 'waf',
  scope: 'global',
  description: 'WAF Classic rule groups (global): permission policy, tags',
  apiCalls: ['waf:ListRuleGroups', 'waf:GetPermissionPolicy', 'waf:ListTagsForResource'],
  stores: [{ label: 'ruleGroup', service: 'waf', resourceType: 'rulegroup', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(WAFClient);
    return collectClassicRuleGroups(
      ctx,
      {
        listRuleGroups: (marker) => client.send(new ListRuleGroupsCommand({ Limit: 100, NextMarker: marker })),
        getPermissionPolicy: (arn) => client.send(new GetPermissionPolicyCommand({ ResourceArn: arn })),
        listTags: (arn, marker) =>
          client.send(new ListTagsForResourceCommand({ ResourceARN: arn, Limit: 100, NextMarker: marker })),
      },
      `arn:${ctx.partition}:waf::${ctx.account}:`,
    );
  },
};
