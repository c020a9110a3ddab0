/**
 * xray/resourcePolicies against the HTTP emulation of ListResourcePolicies (moto 5.2 has no X-Ray
 * resource policies; test/moto/ssm-xray-aps-emulators.ts): account-level policies in two regions
 * (one per page, so the paging is exercised), AccessDenied on the listing that carries them, any other
 * error, deletion and change on the next run. X-Ray resource policies have no tags.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { putXrayPolicy, xrayEmulator, xrayPolicyKey } from '../moto/ssm-xray-aps-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const SERVICES = ['xray'];
const REGIONS = ['us-east-1', 'us-west-2'];
const root = `aws/aws/accounts/${ACCOUNT}/xray`;
const fromService = (service: string, condition?: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'SendTraces',
      Effect: 'Allow',
      Principal: { Service: service },
      // Sorted, as the stored files are.
      Action: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTraceSegments'],
      Resource: '*',
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});
const snsPolicy = fromService('sns.amazonaws.com', { StringEquals: { 'aws:SourceAccount': ACCOUNT } });
const crossAccount = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'xray:PutTraceSegments', Resource: '*' }],
};

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [xrayEmulator(state)] });
  putXrayPolicy(state, 'us-east-1', ACCOUNT, 'SNSAccess', snsPolicy);
  putXrayPolicy(state, 'us-east-1', ACCOUNT, 'partner+traces', crossAccount);
  putXrayPolicy(state, 'us-west-2', ACCOUNT, 'StepFunctions', fromService('states.amazonaws.com'));
  // Another account's policy: not listed for this one.
  putXrayPolicy(state, 'us-east-1', '111122223333', 'NotMine', crossAccount);
});

after(async () => {
  await h?.stop();
});

describe('xray/resourcePolicies (HTTP emulation)', () => {
  test('collects every resource policy of each region under its name', async () => {
    h.proxy.resetStats();
    first = await h.collect('run', SERVICES, REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('xray', 'resourcePolicies', 'us-east-1'), {
      status: 'collected',
      counts: { resourcePolicy: 2 },
    });
    assert.deepEqual(first.job('xray', 'resourcePolicies', 'us-west-2'), {
      status: 'collected',
      counts: { resourcePolicy: 1 },
    });
    await assertGoldenTree(first.tree, goldenFolder('xray'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/resource-policy/snsaccess/policy.json`) ?? ''),
      snsPolicy,
    );
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/resource-policy/partner%2btraces/metadata.json`) ?? ''),
      {
        arn: xrayPolicyKey('us-east-1', ACCOUNT, 'partner+traces'),
        name: 'partner+traces',
        revisionId: '2a3dd3db24af',
      },
    );
    // The emulation pages one policy at a time: 2 pages in us-east-1, 1 in us-west-2, followed to the end.
    assert.equal(h.proxy.stats().byOperation['xray:POST /ListResourcePolicies'], 3);
  });

  test('AccessDenied on the listing that carries the policies: the job is denied and nothing stored is deleted', async () => {
    const allow = h.deny((r) => r.service === 'xray' && r.region === 'us-east-1');
    const denied = await h.collect('run', SERVICES, REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('xray', 'resourcePolicies', 'us-east-1'), {
      status: 'denied',
      reason: 'AccessDeniedException: User is not authorized to perform xray:POST /ListResourcePolicies',
    });
    assert.equal(denied.job('xray', 'resourcePolicies', 'us-west-2').status, 'collected');
    assert.deepEqual(denied.tree, first.tree);
  });

  test('any other error fails only that region, keeps its stored policies, and exits 1', async () => {
    const allow = h.deny((r) => r.service === 'xray' && r.region === 'us-east-1', 'InvalidRequestException');
    const failed = await h.collect('run', SERVICES, REGIONS).finally(allow);
    assert.equal(failed.result.exitCode, 1);
    assert.equal(failed.job('xray', 'resourcePolicies', 'us-east-1').status, 'failed');
    assert.equal(failed.job('xray', 'resourcePolicies', 'us-west-2').status, 'collected');
    assert.deepEqual(failed.tree, first.tree);
  });

  test('a deleted policy disappears and a changed one is rewritten on the next run', async () => {
    state.remove(xrayPolicyKey('us-east-1', ACCOUNT, 'partner+traces'));
    putXrayPolicy(state, 'us-west-2', ACCOUNT, 'StepFunctions', crossAccount);
    const next = await h.collect('run', SERVICES, REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const changed = `${root}/us-west-2/resource-policy/stepfunctions`;
    const expected = without(first.tree, 'xray/us-east-1/resource-policy/partner%2btraces');
    expected.set(`${changed}/policy.json`, next.tree.get(`${changed}/policy.json`) ?? '');
    expected.set(`${changed}/metadata.json`, next.tree.get(`${changed}/metadata.json`) ?? '');
    assert.deepEqual(next.tree, expected);
    assert.equal(first.tree.size - next.tree.size, 2);
    assert.deepEqual(JSON.parse(next.tree.get(`${changed}/policy.json`) ?? ''), crossAccount);
    assert.notEqual(next.tree.get(`${changed}/metadata.json`), first.tree.get(`${changed}/metadata.json`));
  });
});
