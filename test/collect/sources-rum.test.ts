/**
 * rum/appMonitors against the recorded-response emulation of CloudWatch RUM
 * (test/moto/rum-entityresolution-emulators.ts): moto 5.2 has no RUM. App monitors with and without
 * a policy and tags in two regions, AccessDenied on one policy, deletion of a monitor and of a
 * policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { rumEmulator } from '../moto/rum-entityresolution-emulators.js';
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
const monitorArn = (region: string, name: string) => `arn:aws:rum:${region}:${ACCOUNT}:appmonitor/${name}`;
const root = `aws/aws/accounts/${ACCOUNT}/rum`;
const ingestPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PublicIngest',
        Effect: 'Allow',
        Principal: '*',
        Action: 'rum:PutRumEvents',
        Resource: arn,
      },
    ],
  });
const attributes = (id: string) => ({
  Id: id,
  State: 'ACTIVE',
  Platform: 'Web',
  Created: '2024-03-01T10:00:00.000Z',
  LastModified: '2024-03-02T10:00:00.000Z',
});

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [rumEmulator(state)] });
  for (const region of REGIONS) {
    const arn = monitorArn(region, 'storefront');
    state.add(arn, attributes('0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9'), {
      policy: ingestPolicy(arn),
      tags: { team: 'web', stage: 'prod' },
    });
  }
  state.add(monitorArn('us-east-1', 'staging'), attributes('11111111-2222-3333-4444-555555555555'));
});

after(async () => {
  await h?.stop();
});

describe('rum/appMonitors (recorded-response emulation of ListAppMonitors, GetResourcePolicy and tags)', () => {
  test('collects app monitors in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['rum'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('rum', 'appMonitors', 'us-east-1'), { status: 'collected', counts: { appMonitor: 2 } });
    assert.deepEqual(first.job('rum', 'appMonitors', 'us-west-2'), { status: 'collected', counts: { appMonitor: 1 } });
    await assertGoldenTree(first.tree, goldenFolder('rum'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/appmonitor/storefront/policy.json`) ?? 'null'),
      JSON.parse(ingestPolicy(monitorArn('us-east-1', 'storefront'))),
    );
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/us-east-1/appmonitor/storefront/tags.json`) ?? 'null'), {
      stage: 'prod',
      team: 'web',
    });
  });

  test("AccessDenied on one monitor's policy: the monitor kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny((r) => r.region === 'us-east-1' && r.path === '/appmonitor/storefront/policy');
    const denied = await h.collect('run', ['rum'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('rum', 'appMonitors', 'us-east-1'), {
      status: 'collected',
      counts: { appMonitor: 2 },
      issues: [
        {
          kind: 'denied',
          arn: monitorArn('us-east-1', 'storefront'),
          field: 'policy',
          message: 'AccessDeniedException: User is not authorized to perform rum:GET /appmonitor/storefront/policy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted monitor (with its policy and tags) and a removed policy disappear on the next run', async () => {
    state.remove(monitorArn('us-west-2', 'storefront'));
    state.policies.delete(monitorArn('us-east-1', 'storefront'));
    const next = await h.collect('run', ['rum'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, 'rum/us-west-2/appmonitor/storefront');
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/appmonitor/storefront/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
