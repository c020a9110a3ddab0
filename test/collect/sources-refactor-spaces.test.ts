/**
 * refactor-spaces/environments against the recorded-response emulation of Refactor Spaces
 * environments and their resource policies in the REST-JSON wire format (moto 5.2 lacks the
 * service; see refactorSpacesEmulator): environments with and without a policy and tags in two
 * regions, one shared with the account by another owner (not collected), AccessDenied on one policy,
 * deletion of an environment and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { refactorSpacesEmulator } from '../moto/netmgr-refactor-s3files-emulators.js';
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
const arnOf = (region: string, id: string, account = ACCOUNT) =>
  `arn:aws:refactor-spaces:${region}:${account}:environment/${id}`;
const root = `aws/aws/accounts/${ACCOUNT}/refactor-spaces`;
const sharePolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ShareWithServiceTeam',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: ['refactor-spaces:CreateApplication', 'refactor-spaces:GetEnvironment'],
        Resource: arn,
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [refactorSpacesEmulator(state)] });
  for (const region of REGIONS) {
    const arn = arnOf(region, 'env-monolith01');
    state.add(
      arn,
      {
        EnvironmentId: 'env-monolith01',
        Name: 'monolith',
        Description: 'Strangler-fig migration of the monolith',
        NetworkFabricType: 'TRANSIT_GATEWAY',
        TransitGatewayId: 'tgw-0123456789abcdef0',
        State: 'ACTIVE',
      },
      { policy: sharePolicy(arn), tags: { team: 'platform', stage: 'prod' } },
    );
  }
  state.add(arnOf('us-east-1', 'env-sandbox002'), {
    EnvironmentId: 'env-sandbox002',
    Name: 'sandbox',
    NetworkFabricType: 'NONE',
    State: 'ACTIVE',
  });
  // Shared with the account through RAM: listed, but its owner collects it.
  state.add(arnOf('us-east-1', 'env-shared0003'), {
    EnvironmentId: 'env-shared0003',
    Name: 'shared',
    NetworkFabricType: 'NONE',
    State: 'ACTIVE',
    OwnerAccountId: '111122223333',
  });
});

after(async () => {
  await h?.stop();
});

describe('refactor-spaces sources (recorded-response emulation of environments, resource policies and tags)', () => {
  test('collects the environments the account owns in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['refactor-spaces'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (environment: number) => ({ status: 'collected', counts: { environment } });
    assert.deepEqual(first.job('refactor-spaces', 'environments', 'us-east-1'), collected(2));
    assert.deepEqual(first.job('refactor-spaces', 'environments', 'us-west-2'), collected(1));
    await assertGoldenTree(first.tree, goldenFolder('refactor-spaces'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/environment/env-monolith01/policy.json`) ?? 'null'),
      JSON.parse(sharePolicy(arnOf('us-east-1', 'env-monolith01'))),
    );
  });

  test("AccessDenied on one environment's policy: environment kept, stored policy untouched, gap recorded", async () => {
    const arn = arnOf('us-east-1', 'env-monolith01');
    const allow = h.deny(
      (r) => r.region === 'us-east-1' && r.method === 'GET' && r.path === `/resourcepolicy/${encodeURIComponent(arn)}`,
    );
    const denied = await h.collect('run', ['refactor-spaces'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('refactor-spaces', 'environments', 'us-east-1'), {
      status: 'collected',
      counts: { environment: 2 },
      issues: [
        {
          kind: 'denied',
          arn,
          field: 'policy',
          message: `AccessDeniedException: User is not authorized to perform refactor-spaces:GET /resourcepolicy/${encodeURIComponent(arn)}`,
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted environment (with its policy and tags) and a removed policy disappear on the next run', async () => {
    state.remove(arnOf('us-west-2', 'env-monolith01'));
    state.policies.delete(arnOf('us-east-1', 'env-monolith01'));
    const next = await h.collect('run', ['refactor-spaces'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, 'refactor-spaces/us-west-2/environment/env-monolith01');
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/environment/env-monolith01/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
