/**
 * ssm-incidents/responsePlans against the HTTP emulation (moto 5.2 has no Incident Manager): response
 * plans (global: ARNs without a region) with their resource policies and tags, deletion on the next
 * run, AccessDenied on one plan's policies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState, ssmIncidentsEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const arnOf = (name: string) => `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/${name}`;
const root = `aws/aws/accounts/${ACCOUNT}/ssm-incidents/response-plan`;
const sharePolicy = (name: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: '111122223333' },
      Action: ['ssm-incidents:GetResponsePlan', 'ssm-incidents:StartIncident'],
      Resource: arnOf(name),
    },
  ],
});

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [ssmIncidentsEmulator(state)] });
  state.add(
    arnOf('outage'),
    { name: 'outage', displayName: 'Production outage' },
    {
      policy: sharePolicy('outage'),
      tags: { severity: 'high' },
    },
  );
  state.add(arnOf('security-event'), { name: 'security-event' });
});

after(async () => {
  await h?.stop();
});

describe('ssm-incidents/responsePlans (HTTP emulation)', () => {
  test('collects every response plan once per account: metadata, resource policies, tags', async () => {
    first = await h.collect('run', ['ssm-incidents'], ['us-east-1', 'us-west-2']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('ssm-incidents', 'responsePlans', 'global'), {
      status: 'collected',
      counts: { responsePlan: 2 },
    });
    await assertGoldenTree(first.tree, goldenFolder('ssm-incidents'));
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/outage/policies.json`) ?? 'null'), [
      {
        PolicyDocument: sharePolicy('outage'),
        PolicyId: 'rp-b4f321f911c0',
        RamResourceShareRegion: 'us-east-1',
      },
    ]);
  });

  test("AccessDenied on one plan's policies: the plan is kept, its stored policies untouched, the gap recorded", async () => {
    const allow = h.deny((r) => r.path === '/getResourcePolicies' && r.query.get('resourceArn') === arnOf('outage'));
    const denied = await h.collect('run', ['ssm-incidents'], ['us-east-1', 'us-west-2']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('ssm-incidents', 'responsePlans', 'global').issues, [
      {
        kind: 'denied',
        arn: arnOf('outage'),
        field: 'policies',
        message: 'AccessDeniedException: User is not authorized to perform ssm-incidents:POST /getResourcePolicies',
      },
    ]);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted plan, removed policies and removed tags disappear on the next run', async () => {
    state.remove(arnOf('security-event'));
    state.policies.delete(arnOf('outage'));
    state.tags.delete(arnOf('outage'));
    const next = await h.collect('run', ['ssm-incidents'], ['us-east-1', 'us-west-2']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(first.tree, 'ssm-incidents/response-plan/security-event');
    expected.delete(`${root}/outage/policies.json`);
    expected.delete(`${root}/outage/tags.json`);
    assert.deepEqual(next.tree, expected);
  });
});
