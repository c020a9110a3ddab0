import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { FieldCollector } from '../fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { readPolicyAndTags } from './policy-and-tags.js';
import { listRuntimes } from './runtime-listing.js';

/**
 * Bedrock AgentCore agent runtimes (hosted agents) with their resource policy (who may invoke the
 * agent) and tags. The listing gives ARN, id, name, current version and description; status and
 * dates are left out (they change while nothing about access does). The policy and the tags cost
 * one call each per runtime. Runtimes and their endpoints share the folder `runtime` (ARNs
 * `runtime/<id>[/runtime-endpoint/<name>]`), so each source owns only the folders its metadata marks;
 * runtime metadata stored before endpoints were collected has no `type` and is still the runtimes'.
 */
export const agentCoreRuntimes: Source = {
  name: 'bedrock-agentcore/runtimes',
  service: 'bedrock-agentcore',
  scope: 'regional',
  description: 'Bedrock AgentCore agent runtimes: resource policy, tags',
  apiCalls: [
    'bedrock-agentcore:ListAgentRuntimes',
    'bedrock-agentcore:GetResourcePolicy',
    'bedrock-agentcore:ListTagsForResource',
  ],
  stores: [
    {
      label: 'runtime',
      service: 'bedrock-agentcore',
      resourceType: 'runtime',
      files: ['metadata', 'policy', 'tags'],
      owns: (metadata) => metadata !== undefined && (metadata.type === 'runtime' || metadata.type === undefined),
    },
  ],

  async collect(ctx) {
    const client = ctx.client(BedrockAgentCoreControlClient);
    const runtimes = await listRuntimes(ctx);
    const records = await ctx.map(runtimes, async (runtime) => {
      const arn = runtime.agentRuntimeArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        type: 'runtime',
        id: runtime.agentRuntimeId,
        name: runtime.agentRuntimeName,
        version: runtime.agentRuntimeVersion,
        description: runtime.description,
      };
      return readPolicyAndTags(client, arn, fields);
    });
    return recordsResult(records);
  },
};
