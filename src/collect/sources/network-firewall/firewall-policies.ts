import { ListFirewallPoliciesCommand } from '@aws-sdk/client-network-firewall';
import { allPages } from '../policy-fields.js';
import { networkFirewallSource } from './firewall-source.js';

/** Network Firewall firewall policies: resource policy (RAM sharing), tags. */
export const networkFirewallPolicies = networkFirewallSource({
  sync: 'firewallPolicies',
  description: 'Network Firewall firewall policies: resource policy (RAM sharing), tags',
  listAction: 'ListFirewallPolicies',
  stores: [{ label: 'firewallPolicy', resourceType: 'firewall-policy' }],
  async list(client) {
    const pages = await allPages(
      (token) => client.send(new ListFirewallPoliciesCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    return pages
      .flatMap((page) => page.FirewallPolicies ?? [])
      .filter((policy) => policy.Arn)
      .map((policy) => ({ arn: policy.Arn as string, metadata: { arn: policy.Arn, name: policy.Name } }));
  },
});
