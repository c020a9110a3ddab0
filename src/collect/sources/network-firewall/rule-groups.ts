import { ListRuleGroupsCommand } from '@aws-sdk/client-network-firewall';
import { allPages } from '../policy-fields.js';
import { networkFirewallSource } from './firewall-source.js';

/** `stateful-rulegroup/<name>` -> STATEFUL: the listing names no type, the ARN does. */
function ruleGroupType(arn: string): string | undefined {
  return /:(stateful|stateless)-rulegroup\//.exec(arn)?.[1]?.toUpperCase();
}

/**
 * Network Firewall rule groups, stateful and stateless, that the account owns (scope ACCOUNT: not the
 * AWS managed or Marketplace ones): resource policy (RAM sharing), tags.
 */
export const networkFirewallRuleGroups = networkFirewallSource({
  sync: 'ruleGroups',
  description: 'Network Firewall rule groups (stateful and stateless): resource policy (RAM sharing), tags',
  listAction: 'ListRuleGroups',
  stores: [
    { label: 'statefulRuleGroup', resourceType: 'stateful-rulegroup' },
    { label: 'statelessRuleGroup', resourceType: 'stateless-rulegroup' },
  ],
  async list(client) {
    const pages = await allPages(
      (token) => client.send(new ListRuleGroupsCommand({ Scope: 'ACCOUNT', MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    return pages
      .flatMap((page) => page.RuleGroups ?? [])
      .filter((group) => group.Arn && ruleGroupType(group.Arn))
      .map((group) => ({
        arn: group.Arn as string,
        metadata: { arn: group.Arn, name: group.Name, type: ruleGroupType(group.Arn as string) },
      }));
  },
});
