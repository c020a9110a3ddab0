/**
 * bedrock-agentcore/gateways against moto (gateways, tags), with the HTTP emulation of what moto 5.2
 * lacks (test/moto/appsync-agentcore-emulators.ts): Put/Get/DeleteResourcePolicy; and
 * bedrock-agentcore/runtimes against the HTTP emulation alone (moto's runtimes carry ARNs of another
 * shape than AWS's). Resources with and without a policy and tags in two regions, AccessDenied on one
 * policy of each type, deletion of a gateway, a runtime and a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BedrockAgentCoreControlClient,
  CreateGatewayCommand,
  DeleteGatewayCommand,
  DeleteResourcePolicyCommand,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { agentCoreEmulator } from '../moto/appsync-agentcore-emulators.js';
import { BacklogState } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  replaceInTree,
  startResourceHarness,
  without,
} from './resource-harness.js';

const REGIONS = ['us-east-1', 'us-west-2'];
const arnOf = (region: string, resource: string) => `arn:aws:bedrock-agentcore:${region}:${ACCOUNT}:${resource}`;
const root = `aws/aws/accounts/${ACCOUNT}/bedrock-agentcore`;
const invokePolicy = (resource: string, action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PartnerInvoke',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: action,
        Resource: resource,
        Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d' } },
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
const clients = new Map<string, BedrockAgentCoreControlClient>();
const agentcore = (region: string) => clients.get(region) as BedrockAgentCoreControlClient;
/** Gateway id (random in moto) -> stable name in the golden files, by `<region>/<gateway name>`. */
const gatewayIds = new Map<string, string>();

async function createGateway(region: string, name: string, tags?: Record<string, string>): Promise<string> {
  const created = await agentcore(region).send(
    new CreateGatewayCommand({
      name,
      description: `${name} tools`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
      protocolType: 'MCP',
      authorizerType: 'AWS_IAM',
      ...(tags ? { tags } : {}),
    }),
  );
  gatewayIds.set(`${region}/${name}`, created.gatewayId as string);
  return created.gatewayArn as string;
}

const stable = (tree: Map<string, string>) =>
  replaceInTree(
    tree,
    Object.fromEntries([...gatewayIds].map(([key, id]) => [id, `gw-${key.slice(key.indexOf('/') + 1)}`])),
  );

before(async () => {
  h = await startResourceHarness({ emulators: [agentCoreEmulator(state)] });
  for (const region of REGIONS) {
    clients.set(region, new BedrockAgentCoreControlClient({ ...h.clientConfig, region }));
    const gateway = await createGateway(region, 'orders', { team: 'payments', stage: 'prod' });
    await agentcore(region).send(
      new PutResourcePolicyCommand({
        resourceArn: gateway,
        policy: invokePolicy(gateway, 'bedrock-agentcore:InvokeGateway'),
      }),
    );
    const runtime = arnOf(region, 'runtime/support_agent-Ab12Cd34Ef');
    state.add(
      runtime,
      {
        agentRuntimeId: 'support_agent-Ab12Cd34Ef',
        agentRuntimeName: 'support_agent',
        agentRuntimeVersion: '3',
        description: 'Customer support agent',
      },
      { policy: invokePolicy(runtime, 'bedrock-agentcore:InvokeAgentRuntime'), tags: { team: 'support' } },
    );
  }
  await createGateway('us-east-1', 'scratch');
  state.add(arnOf('us-east-1', 'runtime/scratch_agent-Zz99Yy88Xx'), {
    agentRuntimeId: 'scratch_agent-Zz99Yy88Xx',
    agentRuntimeName: 'scratch_agent',
    agentRuntimeVersion: '1',
  });
});

after(async () => {
  for (const client of clients.values()) client.destroy();
  await h?.stop();
});

describe('bedrock-agentcore sources (gateways: moto + HTTP emulation of the resource-policy calls; runtimes: HTTP emulation)', () => {
  test('collects gateways and agent runtimes in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['bedrock-agentcore'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('bedrock-agentcore', 'gateways', 'us-east-1'), collected({ gateway: 2 }));
    assert.deepEqual(first.job('bedrock-agentcore', 'gateways', 'us-west-2'), collected({ gateway: 1 }));
    assert.deepEqual(first.job('bedrock-agentcore', 'runtimes', 'us-east-1'), collected({ runtime: 2 }));
    assert.deepEqual(first.job('bedrock-agentcore', 'runtimes', 'us-west-2'), collected({ runtime: 1 }));
    await assertGoldenTree(stable(first.tree), goldenFolder('bedrock-agentcore'));
    const runtime = arnOf('us-east-1', 'runtime/support_agent-Ab12Cd34Ef');
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/runtime/support_agent-ab12cd34ef/policy.json`) ?? 'null'),
      JSON.parse(invokePolicy(runtime, 'bedrock-agentcore:InvokeAgentRuntime')),
    );
  });

  test("AccessDenied on one gateway's policy and one runtime's policy: both kept, stored policies untouched, gaps recorded", async () => {
    const orders = arnOf('us-east-1', `gateway/${gatewayIds.get('us-east-1/orders')}`);
    const support = arnOf('us-east-1', 'runtime/support_agent-Ab12Cd34Ef');
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' &&
        r.method === 'GET' &&
        (r.path === `/resourcepolicy/${encodeURIComponent(orders)}` ||
          r.path === `/resourcepolicy/${encodeURIComponent(support)}`),
    );
    const denied = await h.collect('run', ['bedrock-agentcore'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    // The test proxy names a REST-JSON call it has no name for by its method and path.
    const issue = (arn: string) => ({
      kind: 'denied',
      arn,
      field: 'policy',
      message: `AccessDeniedException: User is not authorized to perform bedrock-agentcore:GET /resourcepolicy/${encodeURIComponent(arn)}`,
    });
    assert.deepEqual(denied.job('bedrock-agentcore', 'gateways', 'us-east-1'), {
      status: 'collected',
      counts: { gateway: 2 },
      issues: [issue(orders)],
    });
    assert.deepEqual(denied.job('bedrock-agentcore', 'runtimes', 'us-east-1'), {
      status: 'collected',
      counts: { runtime: 2 },
      issues: [issue(support)],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted gateway (with its policy and tags), a removed gateway policy and a deleted runtime disappear on the next run', async () => {
    const westOrders = gatewayIds.get('us-west-2/orders') as string;
    const eastOrders = arnOf('us-east-1', `gateway/${gatewayIds.get('us-east-1/orders')}`);
    await agentcore('us-west-2').send(new DeleteGatewayCommand({ gatewayIdentifier: westOrders }));
    await agentcore('us-east-1').send(new DeleteResourcePolicyCommand({ resourceArn: eastOrders }));
    state.remove(arnOf('us-east-1', 'runtime/support_agent-Ab12Cd34Ef'));
    const next = await h.collect('run', ['bedrock-agentcore'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(
      first.tree,
      `bedrock-agentcore/us-west-2/gateway/${westOrders.toLowerCase()}`,
      'bedrock-agentcore/us-east-1/runtime/support_agent-ab12cd34ef',
    );
    assert.equal(first.tree.size - expected.size, 6);
    const eastFolder = `${root}/us-east-1/gateway/${gatewayIds.get('us-east-1/orders')?.toLowerCase()}`;
    assert.ok(expected.delete(`${eastFolder}/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
