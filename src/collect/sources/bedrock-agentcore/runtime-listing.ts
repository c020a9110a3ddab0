import {
  type AgentRuntime,
  BedrockAgentCoreControlClient,
  ListAgentRuntimesCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { allPages } from '../policy-fields.js';
import type { SourceContext } from '../types.js';

/**
 * Every AgentCore agent runtime of the job's account and region (ListAgentRuntimes). Read once per run
 * and account and region, shared by the runtime and the runtime-endpoint sources (endpoints are listed
 * per runtime).
 */
export function listRuntimes(ctx: SourceContext): Promise<AgentRuntime[]> {
  return ctx.once(`bedrock-agentcore/runtimes/${ctx.account}/${ctx.region}`, async () => {
    const client = ctx.client(BedrockAgentCoreControlClient);
    const pages = await allPages(
      (token) => client.send(new ListAgentRuntimesCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    return pages.flatMap((page) => page.agentRuntimes ?? []).filter((runtime) => runtime.agentRuntimeArn);
  });
}
