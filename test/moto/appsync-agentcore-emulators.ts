/**
 * HTTP-level emulation for the Bedrock AgentCore sources, answered in the service's REST-JSON wire
 * format (`bedrock-agentcore-control.<region>.amazonaws.com`, signing name `bedrock-agentcore`) so the
 * real SDK client parses real bytes, and the seed of the all-services world.
 *
 * moto 5.2 holds AgentCore gateways (create, list, delete, tags) and serves them as AWS does. Its
 * agent runtimes carry ARNs of another shape than AWS's (`agent/<uuid>:<version>` instead of
 * `runtime/<runtime id>`, the form the IAM database and the resource policies name), so runtimes are
 * emulated over a `BacklogState` (the tests add them to the state directly), as are their endpoints
 * (moto has no ListAgentRuntimeEndpoints) and the resource policies (moto has none of Put/Get/DeleteResourcePolicy). AppSync has no readable resource policy
 * in the SDK, so it has no emulation here.
 */
import {
  BedrockAgentCoreControlClient,
  CreateGatewayCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';
import { type ResourceSeedTarget, seedClientConfig } from './resource-seeds.js';

function input(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** A REST-JSON answer; undefined members left out, as AWS does. */
function restJson(status: number, value: Record<string, unknown>): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(defined) };
}

/** One page from a numeric token (the index of the first item). */
function page<T>(items: readonly T[], token: string | null, size: string | null): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + (size ? Number(size) : 100);
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

/** The ARN in `/<route>/<url-encoded ARN>`, or undefined for another path. */
function arnIn(request: ProxyRequest, route: string): string | undefined {
  const prefix = `/${route}/`;
  return request.path.startsWith(prefix) ? decodeURIComponent(request.path.slice(prefix.length)) : undefined;
}

/** A fixed update time (AgentCore's timestamps are RFC 3339 strings) so listings stay deterministic. */
const UPDATED_AT = '2026-01-01T00:00:00Z';

/** `/runtime-endpoint/` in an ARN: a runtime endpoint (`runtime/<id>/runtime-endpoint/<name>`), not a runtime. */
const ENDPOINT_MARK = '/runtime-endpoint/';

/**
 * Bedrock AgentCore over moto: ListAgentRuntimes (POST /runtimes/) from `state` (attributes
 * `{agentRuntimeId, agentRuntimeName, agentRuntimeVersion, description}`); ListAgentRuntimeEndpoints
 * (POST /runtimes/{id}/runtime-endpoints/) from the `state` entries under the runtime's ARN (attributes
 * `{id, name, liveVersion, targetVersion, description}`; AWS's 404 for an unknown runtime); Put/Get/DeleteResourcePolicy
 * (/resourcepolicy/{arn}) from `state.policies` (AWS's 404 ResourceNotFoundException when there is
 * none); ListTagsForResource of a runtime or runtime endpoint from `state.tags` (a gateway's goes to moto); DeleteGateway
 * drops the gateway's policy, then moto deletes the gateway.
 */
export function agentCoreEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'bedrock-agentcore') return undefined;
    const notFound = (what: string) => errorResponse(request, 404, 'ResourceNotFoundException', `${what} not found`);
    const policyArn = arnIn(request, 'resourcepolicy');
    if (policyArn !== undefined) {
      switch (request.method) {
        case 'PUT': {
          const policy = String(input(request).policy);
          state.setPolicy(policyArn, policy);
          return restJson(201, { policy });
        }
        case 'GET': {
          const policy = state.policies.get(policyArn);
          return policy === undefined ? notFound(`Resource policy for ${policyArn}`) : restJson(200, { policy });
        }
        case 'DELETE':
          return state.policies.delete(policyArn)
            ? { status: 204, headers: { 'content-type': 'application/json' }, body: '' }
            : notFound(`Resource policy for ${policyArn}`);
        default:
          return undefined;
      }
    }
    const tagsArn = arnIn(request, 'tags');
    if (tagsArn?.includes(':runtime/') && request.method === 'GET') {
      return state.resources.has(tagsArn)
        ? restJson(200, { tags: state.tags.get(tagsArn) ?? {} })
        : notFound(`Resource ${tagsArn}`);
    }
    if (request.method === 'POST' && request.path === '/runtimes/') {
      const account = await callerAccount(request, context);
      const all = state
        .list(`arn:aws:bedrock-agentcore:${request.region}:${account}:runtime/`)
        .filter((resource) => !resource.arn.includes(ENDPOINT_MARK));
      const { items, next } = page(all, request.query.get('nextToken'), request.query.get('maxResults'));
      return restJson(200, {
        agentRuntimes: items.map((runtime) => ({
          agentRuntimeArn: runtime.arn,
          ...runtime.attributes,
          lastUpdatedAt: UPDATED_AT,
          status: 'READY',
        })),
        nextToken: next,
      });
    }
    const endpointsOf = /^\/runtimes\/([^/]+)\/runtime-endpoints\/$/.exec(request.path);
    if (request.method === 'POST' && endpointsOf) {
      const account = await callerAccount(request, context);
      const runtimeArn = `arn:aws:bedrock-agentcore:${request.region}:${account}:runtime/${endpointsOf[1]}`;
      if (!state.resources.has(runtimeArn)) return notFound(`Agent runtime ${endpointsOf[1]}`);
      const all = state.list(`${runtimeArn}${ENDPOINT_MARK}`);
      const { items, next } = page(all, request.query.get('nextToken'), request.query.get('maxResults'));
      return restJson(200, {
        runtimeEndpoints: items.map((endpoint) => ({
          agentRuntimeEndpointArn: endpoint.arn,
          agentRuntimeArn: runtimeArn,
          ...endpoint.attributes,
          status: 'READY',
          createdAt: UPDATED_AT,
          lastUpdatedAt: UPDATED_AT,
        })),
        nextToken: next,
      });
    }
    const deletedGateway = /^\/gateways\/([^/]+)\/$/.exec(request.path);
    if (request.method === 'DELETE' && deletedGateway) {
      const account = await callerAccount(request, context);
      state.policies.delete(`arn:aws:bedrock-agentcore:${request.region}:${account}:gateway/${deletedGateway[1]}`);
    }
    return undefined;
  };
}

/** A policy letting the account 111122223333 call `actions` on `resource`. */
function sharedWith(resource: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: actions, Resource: resource },
    ],
  });
}

/**
 * In every region of the target: an agent runtime with its `DEFAULT` endpoint (in `state`) and a
 * gateway (moto), each with a resource policy letting another account invoke it and a `seeded: "true"` tag.
 */
export async function seedAgentCore(
  target: ResourceSeedTarget & { account: string; regions: string[] },
  state: BacklogState,
): Promise<void> {
  for (const region of target.regions) {
    const runtime = `arn:aws:bedrock-agentcore:${region}:${target.account}:runtime/seeded_agent-a1b2c3d4e5`;
    state.add(
      runtime,
      {
        agentRuntimeId: 'seeded_agent-a1b2c3d4e5',
        agentRuntimeName: 'seeded_agent',
        agentRuntimeVersion: '1',
        description: 'seeded agent',
      },
      { policy: sharedWith(runtime, ['bedrock-agentcore:InvokeAgentRuntime']), tags: { seeded: 'true' } },
    );
    const endpoint = `${runtime}/runtime-endpoint/DEFAULT`;
    state.add(
      endpoint,
      { id: 'DEFAULT', name: 'DEFAULT', liveVersion: '1', description: 'seeded endpoint' },
      { policy: sharedWith(endpoint, ['bedrock-agentcore:InvokeAgentRuntime']), tags: { seeded: 'true' } },
    );
    const client = new BedrockAgentCoreControlClient(seedClientConfig(target, region));
    const gateway = await client.send(
      new CreateGatewayCommand({
        name: 'seeded-gateway',
        roleArn: `arn:aws:iam::${target.account}:role/seeded-gateway`,
        protocolType: 'MCP',
        authorizerType: 'AWS_IAM',
        tags: { seeded: 'true' },
      }),
    );
    await client.send(
      new PutResourcePolicyCommand({
        resourceArn: gateway.gatewayArn,
        policy: sharedWith(`${gateway.gatewayArn}`, ['bedrock-agentcore:InvokeGateway']),
      }),
    );
    client.destroy();
  }
}
