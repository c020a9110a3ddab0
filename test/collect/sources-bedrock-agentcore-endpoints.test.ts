/**
 * bedrock-agentcore/runtimeEndpoints against the HTTP emulation (test/moto/appsync-agentcore-emulators.ts:
 * moto 5.2 has no ListAgentRuntimeEndpoints and no resource-policy calls). Runtimes and their endpoints
 * share the `runtime` folder: endpoints with and without a policy and tags in two regions, AccessDenied
 * on one endpoint's policy, and an endpoint removed while its runtime stays (the runtime's files
 * untouched) on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { agentCoreRuntimeEndpoints } from '../../src/collect/sources/bedrock-agentcore/runtime-endpoints.js';
import { agentCoreRuntimes } from '../../src/collect/sources/bedrock-agentcore/runtimes.js';
import { agentCoreEmulator } from '../moto/appsync-agentcore-emulators.js';
import { BacklogState } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const REGIONS = ['us-east-1', 'us-west-2'];
const RUNTIME_ID = 'support_agent-Ab12Cd34Ef';
const runtimeArn = (region: string) => `arn:aws:bedrock-agentcore:${region}:${ACCOUNT}:runtime/${RUNTIME_ID}`;
const endpointArn = (region: string, name: string) => `${runtimeArn(region)}/runtime-endpoint/${name}`;
const runtimeFolder = (region: string) => `bedrock-agentcore/${region}/runtime/${RUNTIME_ID.toLowerCase()}`;
const endpointFolder = (region: string, name: string) =>
  `${runtimeFolder(region)}${encodeURIComponent(`/runtime-endpoint/${name}`).toLowerCase()}`;
const root = `aws/aws/accounts/${ACCOUNT}`;
const invokePolicy = (resource: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PartnerInvoke',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'bedrock-agentcore:InvokeAgentRuntime',
        Resource: resource,
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [agentCoreEmulator(state)] });
  for (const region of REGIONS) {
    state.add(
      runtimeArn(region),
      { agentRuntimeId: RUNTIME_ID, agentRuntimeName: 'support_agent', agentRuntimeVersion: '3' },
      { policy: invokePolicy(runtimeArn(region)), tags: { team: 'support' } },
    );
    const endpoint = endpointArn(region, 'DEFAULT');
    state.add(
      endpoint,
      { id: 'DEFAULT', name: 'DEFAULT', liveVersion: '3', description: 'Latest version' },
      { policy: invokePolicy(endpoint), tags: { team: 'support', exposure: 'partner' } },
    );
  }
  // An endpoint without a policy or tags, moving to a new version.
  state.add(endpointArn('us-east-1', 'canary'), { id: 'canary', name: 'canary', liveVersion: '2', targetVersion: '3' });
});

after(async () => {
  await h?.stop();
});

describe('bedrock-agentcore/runtimeEndpoints (recorded-response emulation: moto 5.2 has no runtime endpoints)', () => {
  test('collects runtime endpoints beside their runtimes in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['bedrock-agentcore'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(
      first.job('bedrock-agentcore', 'runtimeEndpoints', 'us-east-1'),
      collected({ runtimeEndpoint: 2 }),
    );
    assert.deepEqual(
      first.job('bedrock-agentcore', 'runtimeEndpoints', 'us-west-2'),
      collected({ runtimeEndpoint: 1 }),
    );
    assert.deepEqual(first.job('bedrock-agentcore', 'runtimes', 'us-east-1'), collected({ runtime: 1 }));
    await assertGoldenTree(first.tree, goldenFolder('bedrock-agentcore', 'runtime-endpoints'));
    const endpoint = endpointArn('us-east-1', 'DEFAULT');
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/${endpointFolder('us-east-1', 'DEFAULT')}/policy.json`) ?? 'null'),
      JSON.parse(invokePolicy(endpoint)),
    );
  });

  test("AccessDenied on one endpoint's policy: the endpoint kept, its stored policy untouched, the gap recorded", async () => {
    const endpoint = endpointArn('us-east-1', 'DEFAULT');
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' && r.method === 'GET' && r.path === `/resourcepolicy/${encodeURIComponent(endpoint)}`,
    );
    const denied = await h.collect('run', ['bedrock-agentcore'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    // The test proxy names a REST-JSON call it has no name for by its method and path.
    assert.deepEqual(denied.job('bedrock-agentcore', 'runtimeEndpoints', 'us-east-1'), {
      status: 'collected',
      counts: { runtimeEndpoint: 2 },
      issues: [
        {
          kind: 'denied',
          arn: endpoint,
          field: 'policy',
          message: `AccessDeniedException: User is not authorized to perform bedrock-agentcore:GET /resourcepolicy/${encodeURIComponent(endpoint)}`,
        },
      ],
    });
    assert.deepEqual(denied.job('bedrock-agentcore', 'runtimes', 'us-east-1'), {
      status: 'collected',
      counts: { runtime: 1 },
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('an endpoint removed while its runtime stays disappears on the next run; the runtime and other endpoints stay', async () => {
    state.remove(endpointArn('us-west-2', 'DEFAULT'));
    const next = await h.collect('run', ['bedrock-agentcore'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, endpointFolder('us-west-2', 'DEFAULT'));
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.has(`${root}/${runtimeFolder('us-west-2')}/policy.json`));
    assert.deepEqual(next.tree, expected);
  });

  test('a deleted runtime takes its endpoints with it on the next run', async () => {
    for (const name of ['DEFAULT', 'canary']) state.remove(endpointArn('us-east-1', name));
    state.remove(runtimeArn('us-east-1'));
    const next = await h.collect('run', ['bedrock-agentcore'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(
      first.tree,
      endpointFolder('us-west-2', 'DEFAULT'),
      runtimeFolder('us-east-1'),
      endpointFolder('us-east-1', 'DEFAULT'),
      endpointFolder('us-east-1', 'canary'),
    );
    assert.deepEqual(next.tree, expected);
  });
});

test('the runtime and runtime-endpoint sources split the shared `runtime` folder by the metadata type', () => {
  const owner = (metadata: Record<string, unknown> | undefined) =>
    [agentCoreRuntimes, agentCoreRuntimeEndpoints]
      .filter((source) => source.stores[0]?.owns?.(metadata, { region: 'us-east-1' }))
      .map((source) => source.name);
  assert.deepEqual(
    [
      { type: 'runtime', arn: 'a' },
      { type: 'runtimeEndpoint', arn: 'a' },
      // Written before endpoints were collected: a runtime's.
      { arn: 'a' },
      { type: 'gateway', arn: 'a' },
      undefined,
    ].map(owner),
    [['bedrock-agentcore/runtimes'], ['bedrock-agentcore/runtimeEndpoints'], ['bedrock-agentcore/runtimes'], [], []],
  );
});
