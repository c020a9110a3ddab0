/**
 * redshift-serverless/namespaces and redshift-serverless/snapshots against the HTTP emulation (moto
 * 5.2 has no Redshift Serverless, and no Redshift GetResourcePolicy): namespace and snapshot
 * policies, tags, deletion on the next run, AccessDenied on one policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState, redshiftEmulator, redshiftServerlessEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const prefix = `arn:aws:redshift-serverless:us-east-1:${ACCOUNT}:`;
const root = `aws/aws/accounts/${ACCOUNT}/redshift-serverless/us-east-1`;
const ids = {
  analytics: '0b5f6c1e-1111-4a2b-9c3d-000000000001',
  scratch: '0b5f6c1e-1111-4a2b-9c3d-000000000002',
  nightly: '7d1e2f3a-2222-4b5c-8d6e-000000000003',
  adhoc: '7d1e2f3a-2222-4b5c-8d6e-000000000004',
};
const integrationPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'redshift.amazonaws.com' },
      Action: 'redshift:AuthorizeInboundIntegration',
      Resource: `${prefix}namespace/${ids.analytics}`,
      Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:rds:us-east-1:111122223333:cluster:orders' } },
    },
  ],
};
const restorePolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: ['111122223333'] },
      Action: ['redshift-serverless:GetSnapshot', 'redshift-serverless:RestoreFromSnapshot'],
      Resource: `${prefix}snapshot/${ids.nightly}`,
    },
  ],
};

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [redshiftServerlessEmulator(state), redshiftEmulator(state)] });
  const namespace = (name: 'analytics' | 'scratch') => ({
    namespaceArn: `${prefix}namespace/${ids[name]}`,
    namespaceId: ids[name],
    namespaceName: name,
    status: 'AVAILABLE',
    kmsKeyId: name === 'analytics' ? `arn:aws:kms:us-east-1:${ACCOUNT}:key/analytics` : 'AWS_OWNED_KMS_KEY',
    iamRoles: name === 'analytics' ? [`arn:aws:iam::${ACCOUNT}:role/redshift-analytics`] : [],
  });
  state.add(`${prefix}namespace/${ids.analytics}`, namespace('analytics'), {
    policy: integrationPolicy,
    tags: { team: 'analytics' },
  });
  state.add(`${prefix}namespace/${ids.scratch}`, namespace('scratch'));
  const snapshot = (name: 'nightly' | 'adhoc', shared: string[]) => ({
    snapshotArn: `${prefix}snapshot/${ids[name]}`,
    snapshotName: name,
    namespaceName: 'analytics',
    namespaceArn: `${prefix}namespace/${ids.analytics}`,
    ownerAccount: ACCOUNT,
    status: 'AVAILABLE',
    ...(shared.length > 0 ? { accountsWithRestoreAccess: shared } : {}),
  });
  state.add(`${prefix}snapshot/${ids.nightly}`, snapshot('nightly', ['111122223333']), { policy: restorePolicy });
  state.add(`${prefix}snapshot/${ids.adhoc}`, snapshot('adhoc', []));
});

after(async () => {
  await h?.stop();
});

describe('redshift-serverless sources (HTTP emulation)', () => {
  test('collects namespaces and snapshots: metadata, resource policies, tags', async () => {
    first = await h.collect('run', ['redshift-serverless']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('redshift-serverless', 'namespaces'), {
      status: 'collected',
      counts: { namespace: 2 },
    });
    assert.deepEqual(first.job('redshift-serverless', 'snapshots'), { status: 'collected', counts: { snapshot: 2 } });
    await assertGoldenTree(first.tree, goldenFolder('redshift-serverless'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/snapshot/${ids.nightly}/policy.json`) ?? 'null'),
      restorePolicy,
    );
  });

  test("AccessDenied on one snapshot's and one namespace's policy: both kept, stored policies untouched, gaps recorded", async () => {
    const allow = h.deny(
      (r) =>
        (r.operation === 'redshift-serverless:GetResourcePolicy' && r.body.toString().includes(ids.nightly)) ||
        (r.operation === 'redshift:GetResourcePolicy' && r.body.toString().includes(ids.analytics)),
    );
    const denied = await h.collect('run', ['redshift-serverless']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('redshift-serverless', 'snapshots').issues, [
      {
        kind: 'denied',
        arn: `${prefix}snapshot/${ids.nightly}`,
        field: 'policy',
        message: 'AccessDeniedException: User is not authorized to perform redshift-serverless:GetResourcePolicy',
      },
    ]);
    assert.deepEqual(denied.job('redshift-serverless', 'namespaces').issues, [
      {
        kind: 'denied',
        arn: `${prefix}namespace/${ids.analytics}`,
        field: 'policy',
        message: 'AccessDenied: User is not authorized to perform redshift:GetResourcePolicy',
      },
    ]);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted namespace and snapshot, a removed policy and removed tags disappear on the next run', async () => {
    state.remove(`${prefix}namespace/${ids.scratch}`);
    state.remove(`${prefix}snapshot/${ids.adhoc}`);
    state.policies.delete(`${prefix}snapshot/${ids.nightly}`);
    state.tags.delete(`${prefix}namespace/${ids.analytics}`);
    const next = await h.collect('run', ['redshift-serverless']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(
      first.tree,
      `redshift-serverless/us-east-1/namespace/${ids.scratch}`,
      `redshift-serverless/us-east-1/snapshot/${ids.adhoc}`,
    );
    expected.delete(`${root}/snapshot/${ids.nightly}/policy.json`);
    expected.delete(`${root}/namespace/${ids.analytics}/tags.json`);
    assert.deepEqual(next.tree, expected);
  });
});
