import { GetAccessPolicyCommand, ListAccessPoliciesCommand } from '@aws-sdk/client-opensearchserverless';
import { aossPolicySource } from './policy-source.js';

/**
 * OpenSearch Serverless data access policies: which principals may read or write which collections
 * and indexes (`[{Rules: [{ResourceType, Resource, Permission}], Principal}]`).
 */
export const aossAccessPolicies = aossPolicySource({
  sync: 'accessPolicies',
  label: 'accessPolicy',
  resourceType: 'access-policy',
  description:
    'OpenSearch Serverless data access policies: principals and their permissions on collections and indexes',
  listAction: 'ListAccessPolicies',
  getAction: 'GetAccessPolicy',
  async list(client, token) {
    const page = await client.send(new ListAccessPoliciesCommand({ type: 'data', maxResults: 100, nextToken: token }));
    return { summaries: page.accessPolicySummaries, nextToken: page.nextToken };
  },
  async read(client, name) {
    const out = await client.send(new GetAccessPolicyCommand({ type: 'data', name }));
    return out.accessPolicyDetail?.policy;
  },
});
