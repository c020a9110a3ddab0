/**
 * oam/sinks against the recorded-response emulation of CloudWatch Observability Access Manager
 * (test/moto/oam-marketplace-emulators.ts): moto 5.2 has no OAM. Sinks with and without a policy and
 * tags in two regions, AccessDenied on one policy, deletion of a sink, of a policy and of tags on the
 * next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { oamEmulator } from '../moto/oam-marketplace-emulators.js';
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
const MONITORING = '7a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9';
const AUDIT = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const sinkArn = (region: string, id: string) => `arn:aws:oam:${region}:${ACCOUNT}:sink/${id}`;
const root = `aws/aws/accounts/${ACCOUNT}/oam`;
/** Lets the organization's accounts link their metrics and logs to the sink, as the console writes it. */
const orgPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: ['oam:CreateLink', 'oam:UpdateLink'],
        Resource: arn,
        Condition: {
          'ForAllValues:StringEquals': {
            'oam:ResourceTypes': ['AWS::CloudWatch::Metric', 'AWS::Logs::LogGroup'],
          },
          'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
        },
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [oamEmulator(state)] });
  for (const region of REGIONS) {
    const arn = sinkArn(region, MONITORING);
    state.add(arn, { Name: 'central-monitoring' }, { policy: orgPolicy(arn), tags: { team: 'sre', stage: 'prod' } });
  }
  state.add(sinkArn('us-east-1', AUDIT), { Name: 'audit' }, { tags: { stage: 'test' } });
});

after(async () => {
  await h?.stop();
});

describe('oam/sinks (recorded-response emulation of ListSinks, GetSinkPolicy and ListTagsForResource)', () => {
  test('collects sinks in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['oam'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('oam', 'sinks', 'us-east-1'), { status: 'collected', counts: { sink: 2 } });
    assert.deepEqual(first.job('oam', 'sinks', 'us-west-2'), { status: 'collected', counts: { sink: 1 } });
    await assertGoldenTree(first.tree, goldenFolder('oam'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/sink/${MONITORING}/policy.json`) ?? 'null'),
      JSON.parse(orgPolicy(sinkArn('us-east-1', MONITORING))),
    );
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/us-east-1/sink/${MONITORING}/tags.json`) ?? 'null'), {
      stage: 'prod',
      team: 'sre',
    });
  });

  test("AccessDenied on one sink's policy: the sink kept, its stored policy untouched, the gap recorded", async () => {
    const arn = sinkArn('us-east-1', MONITORING);
    const allow = h.deny((r) => r.path === '/GetSinkPolicy' && r.body.toString().includes(arn));
    const denied = await h.collect('run', ['oam'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('oam', 'sinks', 'us-east-1'), {
      status: 'collected',
      counts: { sink: 2 },
      issues: [
        {
          kind: 'denied',
          arn,
          field: 'policy',
          message: 'AccessDeniedException: User is not authorized to perform oam:POST /GetSinkPolicy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted sink (with its policy and tags), a removed policy and removed tags disappear on the next run', async () => {
    state.remove(sinkArn('us-west-2', MONITORING));
    state.policies.delete(sinkArn('us-east-1', MONITORING));
    state.tags.delete(sinkArn('us-east-1', AUDIT));
    const next = await h.collect('run', ['oam'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, `oam/us-west-2/sink/${MONITORING}`);
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/sink/${MONITORING}/policy.json`));
    assert.ok(expected.delete(`${root}/us-east-1/sink/${AUDIT}/tags.json`));
    assert.deepEqual(next.tree, expected);
  });
});
