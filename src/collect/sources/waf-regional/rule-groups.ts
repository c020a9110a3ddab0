import {
  GetPermissionPolicyCommand,
  ListRuleGroupsCommand,
  ListTagsForResourceCommand,
  WAFRegionalClient,
} from '@aws-sdk/client-waf-regional';
import { collectClassicRuleGroups } from '../waf/classic-rule-groups.js';
import type { Source } from '../types.js';

/**
 * AWS WAF Classic Regional rule groups (for load balancers and API Gateway stages) with their
 * permission policy and tags, in every region (`arn:aws:waf-regional:<region>:<account>:rulegroup/<id>`).
 */
export const wafRegionalRuleGroups: Source = {
  name: 'waf-regional/ruleGroups',
  service: 'waf-regional',
  scope: 'regional',
  description: 'WAF Classic Regional rule groups: permission policy, tags',
  apiCalls: ['waf-regional:ListRuleGroups', 'waf-regional:GetPermissionPolicy', 'waf-regional:ListTagsForResource'],
  stores: [
    { label: 'ruleGroup', service: 'waf-regional', resourceType: 'rulegroup', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(WAFRegionalClient);
    return collectClassicRuleGroups(
      ctx,
      {
        listRuleGroups: (marker) => client.send(new ListRuleGroupsCommand({ Limit: 100, NextMarker: marker })),
        getPermissionPolicy: (arn) => client.send(new GetPermissionPolicyCommand({ ResourceArn: arn })),
        listTags: (arn, marker) =>
          client.send(new ListTagsForResourceCommand({ ResourceARN: arn, Limit: 100, NextMarker: marker })),
      },
      `arn:${ctx.partition}:waf-regional:${ctx.region}:${ctx.account}:`,
    );
  },
};
