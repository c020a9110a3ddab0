import { BedrockAgentCoreControlClient, ListGatewaysCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { FieldCollector } from '../fields.js';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { readPolicyAndTags } from './policy-and-tags.js';

/**
 * Bedrock AgentCore gateways (MCP endpoints in front of tools) with their resource policy (who may
 * invoke the gateway) and tags. The listing names no ARN, so it is built from the gateway id (the
 * form the IAM database gives). Status and dates are left out: they change while nothing about
 * access does. The policy and the tags cost one call each per gateway.
 */
export const agentCoreGateways: Source = {
  name: 'bedrock-agentcore/gateways',
  service: 'bedrock-agentcore',
  scope: 'regional',
  description: 'Bedrock AgentCore gateways: resource policy, tags',
  apiCalls: [
    'bedrock-agentcore:ListGateways',
    'bedrock-agentcore:GetResourcePolicy',
    'bedrock-agentcore:ListTagsForResource',
  ],
  stores: [
    { label: 'gateway', service: 'bedrock-agentcore', resourceType: 'gateway', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(BedrockAgentCoreControlClient);
    const pages = await allPages(
      (token) => client.send(new ListGatewaysCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const gateways = pages.flatMap((page) => page.items ?? []).filter((gateway) => gateway.gatewayId);
    const records = await ctx.map(gateways, async (gateway) => {
      const arn = `arn:${ctx.partition}:bedrock-agentcore:${ctx.region}:${ctx.account}:gateway/${gateway.gatewayId}`;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id: gateway.gatewayId,
        name: gateway.name,
        description: gateway.description,
        authorizerType: gateway.authorizerType,
        protocolType: gateway.protocolType,
      };
      return readPolicyAndTags(client, arn, fields);
    });
    return recordsResult(records);
  },
};
