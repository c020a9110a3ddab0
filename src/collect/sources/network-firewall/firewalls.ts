import { ListFirewallsCommand } from '@aws-sdk/client-network-firewall';
import { allPages } from '../policy-fields.js';
import { networkFirewallSource } from './firewall-source.js';

/** Network Firewall firewalls: resource policy (sharing a transit gateway-attached firewall), tags. */
export const networkFirewallFirewalls = networkFirewallSource({
  sync: 'firewalls',
  description: 'Network Firewall firewalls: resource policy (RAM sharing), tags',
  listAction: 'ListFirewalls',
  stores: [{ label: 'firewall', resourceType: 'firewall' }],
  async list(client) {
    const pages = await allPages(
      (token) => client.send(new ListFirewallsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    return pages
      .flatMap((page) => page.Firewalls ?? [])
      .filter((firewall) => firewall.FirewallArn)
      .map((firewall) => ({
        arn: firewall.FirewallArn as string,
        metadata: {
          arn: firewall.FirewallArn,
          name: firewall.FirewallName,
          transitGatewayAttachmentId: firewall.TransitGatewayAttachmentId,
        },
      }));
  },
});
