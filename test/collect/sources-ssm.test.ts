/**
 * ssm/parameters and ssm/opsItemGroup against moto (parameters, their tiers and tags), with the HTTP
 * emulation of GetResourcePolicies (moto 5.2 answers 500; test/moto/ssm-xray-aps-emulators.ts):
 * parameters in two regions with their resource policies (advanced tier only) and tags, the
 * OpsItemGroup's policy, AccessDenied on one parameter's policies and on the OpsItemGroup's, any other
 * error, and deletion on the next run. No parameter value is ever asked for.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DeleteParameterCommand,
  PutParameterCommand,
  type PutParameterCommandInput,
  RemoveTagsFromResourceCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { BacklogState } from '../moto/backlog-emulators.js';
import { sharedWith, ssmEmulator } from '../moto/ssm-xray-aps-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const SERVICES = ['ssm'];
const REGIONS = ['us-east-1', 'us-west-2'];
const root = `aws/aws/accounts/${ACCOUNT}`;
const parameterArn = (region: string, name: string) =>
  `arn:aws:ssm:${region}:${ACCOUNT}:parameter/${name.replace(/^\//, '')}`;
const opsItemGroup = `arn:aws:ssm:us-east-1:${ACCOUNT}:opsitemgroup/default`;
const sharedPolicy = sharedWith(parameterArn('us-east-1', '/app/db/url'), ['ssm:GetParameter', 'ssm:GetParameters']);
const opsPolicy = sharedWith(opsItemGroup, ['ssm:GetOpsItem', 'ssm:UpdateOpsItem']);
const DENIED = (operation: string) => `AccessDeniedException: User is not authorized to perform ${operation}`;

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [ssmEmulator(state)] });
  const east = new SSMClient(h.clientConfig);
  const put = (input: Omit<PutParameterCommandInput, 'Value'>) =>
    east.send(new PutParameterCommand({ Value: 'never collected', Type: 'String', ...input }));
  // Advanced, shared through RAM (a policy), tagged.
  await put({ Name: '/app/db/url', Tier: 'Advanced', Tags: [{ Key: 'team', Value: 'payments' }] });
  // Advanced without a policy; a standard SecureString with tags; a standard plain one.
  await put({ Name: '/app/feature-flags', Tier: 'Advanced' });
  await put({ Name: '/app/db/password', Type: 'SecureString', Tags: [{ Key: 'secret', Value: 'yes' }] });
  await put({ Name: 'plain-name' });
  east.destroy();
  const west = new SSMClient({ ...h.clientConfig, region: 'us-west-2' });
  await west.send(new PutParameterCommand({ Name: '/app/region', Value: 'us-west-2', Type: 'String' }));
  west.destroy();
  state.setPolicy(parameterArn('us-east-1', '/app/db/url'), sharedPolicy);
  // A policy on a standard parameter cannot exist in AWS: it is there to show that it is not asked for.
  state.setPolicy(parameterArn('us-east-1', 'plain-name'), sharedPolicy);
  state.setPolicy(opsItemGroup, opsPolicy);
});

after(async () => {
  await h?.stop();
});

describe('ssm sources (moto + GetResourcePolicies emulation)', () => {
  test('collects parameters (metadata, policies of advanced ones, tags) and the OpsItemGroup policies, never a value', async () => {
    h.proxy.resetStats();
    first = await h.collect('run', SERVICES, REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('ssm', 'parameters', 'us-east-1'), { status: 'collected', counts: { parameter: 4 } });
    assert.deepEqual(first.job('ssm', 'parameters', 'us-west-2'), { status: 'collected', counts: { parameter: 1 } });
    assert.deepEqual(first.job('ssm', 'opsItemGroup', 'us-east-1'), {
      status: 'collected',
      counts: { opsItemGroup: 1 },
    });
    assert.deepEqual(first.job('ssm', 'opsItemGroup', 'us-west-2'), {
      status: 'collected',
      counts: { opsItemGroup: 0 },
    });
    await assertGoldenTree(first.tree, goldenFolder('ssm'));
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/ssm/us-east-1/parameter/app%2fdb%2furl/policies.json`) ?? ''), [
      { PolicyDocument: sharedPolicy, PolicyId: 'policy-93091710e87c' },
    ]);
    // Per region: one listing page, one tags call per parameter, policies for the 2 advanced ones and the group.
    const ssmCalls = Object.fromEntries(
      Object.entries(h.proxy.stats().byOperation).filter(([operation]) => operation.startsWith('ssm:')),
    );
    assert.deepEqual(ssmCalls, {
      'ssm:DescribeParameters': 2,
      'ssm:GetResourcePolicies': 4,
      'ssm:ListTagsForResource': 5,
    });
  });

  test("AccessDenied on one parameter's policies keeps it and its stored policies; on the OpsItemGroup's, denies that job", async () => {
    const allow = h.deny(
      (r) =>
        r.operation === 'ssm:GetResourcePolicies' &&
        (r.body.toString().includes(parameterArn('us-east-1', '/app/db/url')) ||
          r.body.toString().includes(opsItemGroup)),
    );
    const denied = await h.collect('run', SERVICES, REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('ssm', 'parameters', 'us-east-1'), {
      status: 'collected',
      counts: { parameter: 4 },
      issues: [
        {
          kind: 'denied',
          arn: parameterArn('us-east-1', '/app/db/url'),
          field: 'policies',
          message: DENIED('ssm:GetResourcePolicies'),
        },
      ],
    });
    assert.deepEqual(denied.job('ssm', 'opsItemGroup', 'us-east-1'), {
      status: 'denied',
      reason: DENIED('ssm:GetResourcePolicies'),
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('any other error on a policy fails only the parameters of that region, keeps their stored data, and exits 1', async () => {
    const allow = h.deny(
      (r) =>
        r.operation === 'ssm:GetResourcePolicies' &&
        r.region === 'us-east-1' &&
        !r.body.toString().includes(opsItemGroup),
      'ValidationException',
    );
    const failed = await h.collect('run', SERVICES, REGIONS).finally(allow);
    assert.equal(failed.result.exitCode, 1);
    assert.equal(failed.job('ssm', 'parameters', 'us-east-1').status, 'failed');
    assert.equal(failed.job('ssm', 'parameters', 'us-west-2').status, 'collected');
    assert.equal(failed.job('ssm', 'opsItemGroup', 'us-east-1').status, 'collected');
    assert.deepEqual(failed.tree, first.tree);
  });

  test('a deleted parameter, a removed policy and removed tags disappear from storage on the next run', async () => {
    const east = new SSMClient(h.clientConfig);
    await east.send(new DeleteParameterCommand({ Name: '/app/db/password' }));
    await east.send(
      new RemoveTagsFromResourceCommand({ ResourceType: 'Parameter', ResourceId: '/app/db/url', TagKeys: ['team'] }),
    );
    east.destroy();
    state.policies.delete(parameterArn('us-east-1', '/app/db/url'));
    state.policies.delete(opsItemGroup);
    const next = await h.collect('run', SERVICES, REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, 'ssm/us-east-1/parameter/app%2fdb%2fpassword', 'ssm/us-east-1/opsitemgroup');
    for (const file of ['policies', 'tags']) {
      assert.ok(expected.delete(`${root}/ssm/us-east-1/parameter/app%2fdb%2furl/${file}.json`), file);
    }
    assert.deepEqual(next.tree, expected);
    assert.equal(first.tree.size - next.tree.size, 6);
  });
});
