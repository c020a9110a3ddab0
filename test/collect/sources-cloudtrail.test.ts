/**
 * cloudtrail/eventDataStores, cloudtrail/channels and cloudtrail/dashboards against the HTTP emulation
 * (moto 5.2 has no CloudTrail Lake): resource policies (and the delegated administrator's), tags in
 * batches, deletion on the next run, AccessDenied on one policy and on a tag batch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState, cloudtrailEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const prefix = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:`;
const root = `aws/aws/accounts/${ACCOUNT}/cloudtrail/us-east-1`;
const store = `${prefix}eventdatastore/5a3b7c9d-0000-4e1f-8a2b-000000000001`;
const archive = `${prefix}eventdatastore/5a3b7c9d-0000-4e1f-8a2b-000000000002`;
const channel = `${prefix}channel/6b4c8d0e-0000-4f2a-9b3c-000000000003`;
const dashboard = `${prefix}dashboard/security-overview`;
const policy = (arn: string, principal: Record<string, string>, actions: string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Share', Effect: 'Allow', Principal: principal, Action: actions, Resource: arn }],
});

const state = new BacklogState();
const delegated = new Map<string, string>();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [cloudtrailEmulator(state, delegated)] });
  state.add(
    store,
    { Name: 'org-events' },
    {
      policy: policy(store, { AWS: 'arn:aws:iam::111122223333:root' }, [
        'cloudtrail:StartQuery',
        'cloudtrail:GetQueryResults',
      ]),
      tags: { team: 'security' },
    },
  );
  delegated.set(
    store,
    JSON.stringify(policy(store, { AWS: 'arn:aws:iam::444455556666:root' }, ['cloudtrail:GetEventDataStore'])),
  );
  state.add(archive, { Name: 'archive' });
  state.add(
    channel,
    { Name: 'partner-events' },
    {
      policy: policy(channel, { AWS: '111122223333' }, ['cloudtrail-data:PutAuditEvents']),
    },
  );
  state.add(
    dashboard,
    { Type: 'CUSTOM' },
    {
      policy: policy(dashboard, { Service: 'cloudtrail.amazonaws.com' }, ['cloudtrail:StartDashboardRefresh']),
      tags: { owner: 'soc' },
    },
  );
});

after(async () => {
  await h?.stop();
});

describe('cloudtrail sources (HTTP emulation)', () => {
  test('collects event data stores, channels and dashboards: metadata, policies, tags', async () => {
    first = await h.collect('run', ['cloudtrail']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('cloudtrail', 'eventDataStores'), {
      status: 'collected',
      counts: { eventDataStore: 2 },
    });
    assert.deepEqual(first.job('cloudtrail', 'channels'), { status: 'collected', counts: { channel: 1 } });
    assert.deepEqual(first.job('cloudtrail', 'dashboards'), { status: 'collected', counts: { dashboard: 1 } });
    await assertGoldenTree(first.tree, goldenFolder('cloudtrail'));
  });

  test("AccessDenied on one store's policy and on the tag batch: resources kept, stored files untouched, gaps recorded", async () => {
    const allow = h.deny(
      (r) =>
        (r.operation === 'cloudtrail:GetResourcePolicy' && r.body.toString().includes(store)) ||
        (r.operation === 'cloudtrail:ListTags' && r.body.toString().includes(channel)),
    );
    const denied = await h.collect('run', ['cloudtrail']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('cloudtrail', 'eventDataStores').issues, [
      {
        kind: 'denied',
        arn: store,
        field: 'policy',
        message: 'AccessDeniedException: User is not authorized to perform cloudtrail:GetResourcePolicy',
      },
    ]);
    assert.deepEqual(denied.job('cloudtrail', 'channels').issues, [
      {
        kind: 'denied',
        arn: channel,
        field: 'tags',
        message: 'AccessDeniedException: User is not authorized to perform cloudtrail:ListTags',
      },
    ]);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted store and channel, a removed policy and removed tags disappear on the next run', async () => {
    state.remove(archive);
    state.remove(channel);
    delegated.delete(store);
    state.policies.delete(dashboard);
    state.tags.delete(dashboard);
    const next = await h.collect('run', ['cloudtrail']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(
      first.tree,
      `cloudtrail/us-east-1/eventdatastore/${archive.split('/')[1]}`,
      `cloudtrail/us-east-1/channel/${channel.split('/')[1]}`,
    );
    expected.delete(`${root}/eventdatastore/${store.split('/')[1]}/delegated-admin-policy.json`);
    expected.delete(`${root}/dashboard/security-overview/policy.json`);
    expected.delete(`${root}/dashboard/security-overview/tags.json`);
    assert.deepEqual(next.tree, expected);
  });
});
