/**
 * entityresolution/{matchingWorkflows,idMappingWorkflows,idNamespaces} against the recorded-response
 * emulation of AWS Entity Resolution (test/moto/rum-entityresolution-emulators.ts): moto 5.2 has no
 * Entity Resolution. Resources of the three types with and without a policy and tags in two regions,
 * AccessDenied on one policy of each type, deletion of a resource and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { entityResolutionEmulator } from '../moto/rum-entityresolution-emulators.js';
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
const arnOf = (region: string, resource: string) => `arn:aws:entityresolution:${region}:${ACCOUNT}:${resource}`;
const root = `aws/aws/accounts/${ACCOUNT}/entityresolution`;
const partnerPolicy = (arn: string, action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Partner',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: action,
        Resource: arn,
      },
    ],
  });
const dates = { createdAt: 1709287200, updatedAt: 1709373600 };
/** Resource (type/name) -> its listing attributes and the action its policy grants. */
const RESOURCES: Array<[string, Record<string, unknown>, string]> = [
  ['matchingworkflow/customers', { ...dates, resolutionType: 'RULE_MATCHING' }, 'entityresolution:GetMatchingWorkflow'],
  ['idmappingworkflow/households', dates, 'entityresolution:StartIdMappingJob'],
  ['idnamespace/loyalty', { ...dates, type: 'SOURCE', description: 'Loyalty ids' }, 'entityresolution:GetIdNamespace'],
];

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [entityResolutionEmulator(state)] });
  for (const region of REGIONS) {
    for (const [resource, attributes, action] of RESOURCES) {
      const arn = arnOf(region, resource);
      state.add(arn, attributes, { policy: partnerPolicy(arn, action), tags: { team: 'crm', stage: 'prod' } });
    }
  }
  state.add(arnOf('us-east-1', 'matchingworkflow/scratch'), { ...dates, resolutionType: 'ML_MATCHING' });
  state.add(arnOf('us-east-1', 'idmappingworkflow/scratch'), dates);
  state.add(arnOf('us-east-1', 'idnamespace/scratch'), { ...dates, type: 'TARGET' });
});

after(async () => {
  await h?.stop();
});

const SYNCS: Array<[string, string]> = [
  ['matchingWorkflows', 'matchingWorkflow'],
  ['idMappingWorkflows', 'idMappingWorkflow'],
  ['idNamespaces', 'idNamespace'],
];

describe('entityresolution sources (recorded-response emulation of the List* calls, GetPolicy and tags)', () => {
  test('collects the three resource types in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['entityresolution'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    for (const [sync, label] of SYNCS) {
      assert.deepEqual(first.job('entityresolution', sync, 'us-east-1'), {
        status: 'collected',
        counts: { [label]: 2 },
      });
      assert.deepEqual(first.job('entityresolution', sync, 'us-west-2'), {
        status: 'collected',
        counts: { [label]: 1 },
      });
    }
    await assertGoldenTree(first.tree, goldenFolder('entityresolution'));
    for (const [resource, , action] of RESOURCES) {
      assert.deepEqual(
        JSON.parse(first.tree.get(`${root}/us-west-2/${resource}/policy.json`) ?? 'null'),
        JSON.parse(partnerPolicy(arnOf('us-west-2', resource), action)),
      );
    }
  });

  test('AccessDenied on one policy of each type: the resources kept, stored policies untouched, gaps recorded', async () => {
    const deniedArns = RESOURCES.map(([resource]) => arnOf('us-east-1', resource));
    const policyPath = (arn: string) => `/policies/${encodeURIComponent(arn)}`;
    const allow = h.deny((r) => deniedArns.some((arn) => r.path === policyPath(arn)));
    const denied = await h.collect('run', ['entityresolution'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    SYNCS.forEach(([sync, label], index) => {
      const arn = deniedArns[index] as string;
      assert.deepEqual(denied.job('entityresolution', sync, 'us-east-1'), {
        status: 'collected',
        counts: { [label]: 2 },
        issues: [
          {
            kind: 'denied',
            arn,
            field: 'policy',
            message: `AccessDeniedException: User is not authorized to perform entityresolution:GET ${policyPath(arn)}`,
          },
        ],
      });
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted resource (with its policy and tags) and a removed policy disappear on the next run', async () => {
    state.remove(arnOf('us-west-2', 'idnamespace/loyalty'));
    state.policies.delete(arnOf('us-east-1', 'matchingworkflow/customers'));
    const next = await h.collect('run', ['entityresolution'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, 'entityresolution/us-west-2/idnamespace/loyalty');
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/matchingworkflow/customers/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
