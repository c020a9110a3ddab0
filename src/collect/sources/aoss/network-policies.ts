import { GetSecurityPolicyCommand, ListSecurityPoliciesCommand } from '@aws-sdk/client-opensearchserverless';
import { aossPolicySource } from './policy-source.js';

/**
 * OpenSearch Serverless network security policies: whether collections and their dashboards are
 * reachable from the internet (`AllowFromPublic`) or only through VPC endpoints and AWS services
 * (`[{Rules: [{ResourceType, Resource}], AllowFromPublic, SourceVPCEs, SourceServices}]`).
 */
export const aossNetworkPolicies = aossPolicySource({
  sync: 'networkPolicies',
  label: 'networkPolicy',
  resourceType: 'network-policy',
  description: 'OpenSearch Serverless network policies: public or VPC-only access to collections and dashboards',
  listAction: 'ListSecurityPolicies',
  getAction: 'GetSecurityPolicy',
  async list(client, token) {
    const page = await client.send(
      new ListSecurityPoliciesCommand({ type: 'network', maxResults: 100, nextToken: token }),
    );
    return { summaries: page.securityPolicySummaries, nextToken: page.nextToken };
  },
  async read(client, name) {
    const out = await client.send(new GetSecurityPolicyCommand({ type: 'network', name }));
    return out.securityPolicyDetail?.policy;
  },
});
