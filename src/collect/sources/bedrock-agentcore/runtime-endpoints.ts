import {
  type AgentRuntimeEndpoint,
  BedrockAgentCoreControlClient,
  ListAgentRuntimeEndpointsCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { classifyError } from '../../aws/errors.js';
import { FieldCollector } from '../fields.js';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { readPolicyAndTags } from './policy-and-tags.js';
import { listRuntimes } from './runtime-listing.js';

/**
 * Bedrock AgentCore runtime endpoints (the named, versioned entry points of an agent runtime, e.g.
 * `DEFAULT`) with their resource policy (who may invoke the agent through that endpoint) and tags.
 * Listed per runtime (the runtime listing is shared with bedrock-agentcore/runtimes); stored in the
 * runtimes' folder `runtime` (ARN `runtime/<id>/runtime-endpoint/<name>`), owning only the folders
 * their metadata marks. Status and dates are left out: they change while nothing about access does.
 */
export const agentCoreRuntimeEndpoints: Source = {
  name: 'bedrock-agentcore/runtimeEndpoints',
  service: 'bedrock-agentcore',
  scope: 'regional',
  description: 'Bedrock AgentCore agent runtime endpoints: resource policy, tags',
  apiCalls: [
    'bedrock-agentcore:ListAgentRuntimes',
    'bedrock-agentcore:ListAgentRuntimeEndpoints',
    'bedrock-agentcore:GetResourcePolicy',
    'bedrock-agentcore:ListTagsForResource',
  ],
  stores: [
    {
      label: 'runtimeEndpoint',
      service: 'bedrock-agentcore',
      resourceType: 'runtime',
      files: ['metadata', 'policy', 'tags'],
      owns: (metadata) => metadata?.type === 'runtimeEndpoint',
    },
  ],

  async collect(ctx) {
    const client = ctx.client(BedrockAgentCoreControlClient);
    const runtimes = await listRuntimes(ctx);
    const endpointLists = await ctx.map(runtimes, async (runtime): Promise<AgentRuntimeEndpoint[]> => {
      try {
        const pages = await allPages(
          (token) =>
            client.send(
              new ListAgentRuntimeEndpointsCommand({
                agentRuntimeId: runtime.agentRuntimeId as string,
                maxResults: 100,
                nextToken: token,
              }),
            ),
          (page) => page.nextToken,
        );
        return pages.flatMap((page) => page.runtimeEndpoints ?? []);
      } catch (error) {
        // A runtime deleted since the listing has no endpoints; any other error fails the job.
        if (classifyError(error) === 'absent') return [];
        throw error;
      }
    });
    const endpoints = endpointLists.flat().filter((endpoint) => endpoint.agentRuntimeEndpointArn);
    const records = await ctx.map(endpoints, async (endpoint) => {
      const arn = endpoint.agentRuntimeEndpointArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        type: 'runtimeEndpoint',
        id: endpoint.id,
        name: endpoint.name,
        runtimeArn: endpoint.agentRuntimeArn,
        liveVersion: endpoint.liveVersion,
        targetVersion: endpoint.targetVersion,
        description: endpoint.description,
      };
      return readPolicyAndTags(client, arn, fields);
    });
    return recordsResult(records);
  },
};
