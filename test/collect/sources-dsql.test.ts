/**
 * dsql/clusters against the recorded-response emulation of Aurora DSQL
 * (test/moto/dsql-rekognition-comprehend-emulators.ts): moto 5.2 has no ListClusters and no cluster
 * policies. Clusters with and without a policy and tags in two regions, AccessDenied on one policy,
 * deletion of a cluster and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeleteClusterPolicyCommand, DSQLClient, PutClusterPolicyCommand } from '@aws-sdk/client-dsql';
import { BacklogState } from '../moto/backlog-emulators.js';
import { dsqlEmulator } from '../moto/dsql-rekognition-comprehend-emulators.js';
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
const clusterArn = (region: string, id: string) => `arn:aws:dsql:${region}:${ACCOUNT}:cluster/${id}`;
const root = `aws/aws/accounts/${ACCOUNT}/dsql`;
const connectPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OnlyThroughEndpoint',
        Effect: 'Deny',
        Principal: '*',
        Action: ['dsql:DbConnect', 'dsql:DbConnectAdmin'],
        Resource: arn,
        Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f' } },
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
let dsql: DSQLClient;

before(async () => {
  h = await startResourceHarness({ emulators: [dsqlEmulator(state)] });
  dsql = new DSQLClient({ ...h.clientConfig, region: 'us-east-1' });
  for (const region of REGIONS) {
    state.add(clusterArn(region, 'abcdefghijklmnopqrstuvwxyz'), {}, { tags: { team: 'orders', stage: 'prod' } });
  }
  state.add(clusterArn('us-east-1', 'zyxwvutsrqponmlkjihgfedcba'), {});
  await dsql.send(
    new PutClusterPolicyCommand({
      identifier: 'abcdefghijklmnopqrstuvwxyz',
      policy: connectPolicy(clusterArn('us-east-1', 'abcdefghijklmnopqrstuvwxyz')),
    }),
  );
  state.setPolicy(
    clusterArn('us-west-2', 'abcdefghijklmnopqrstuvwxyz'),
    connectPolicy(clusterArn('us-west-2', 'abcdefghijklmnopqrstuvwxyz')),
  );
});

after(async () => {
  dsql?.destroy();
  await h?.stop();
});

describe('dsql/clusters (recorded-response emulation of ListClusters, cluster policies and tags)', () => {
  test('collects clusters in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['dsql'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('dsql', 'clusters', 'us-east-1'), { status: 'collected', counts: { cluster: 2 } });
    assert.deepEqual(first.job('dsql', 'clusters', 'us-west-2'), { status: 'collected', counts: { cluster: 1 } });
    await assertGoldenTree(first.tree, goldenFolder('dsql'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/cluster/abcdefghijklmnopqrstuvwxyz/policy.json`) ?? 'null'),
      JSON.parse(connectPolicy(clusterArn('us-east-1', 'abcdefghijklmnopqrstuvwxyz'))),
    );
  });

  test("AccessDenied on one cluster's policy: the cluster kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny(
      (r) => r.region === 'us-east-1' && r.method === 'GET' && r.path === '/cluster/abcdefghijklmnopqrstuvwxyz/policy',
    );
    const denied = await h.collect('run', ['dsql'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('dsql', 'clusters', 'us-east-1'), {
      status: 'collected',
      counts: { cluster: 2 },
      issues: [
        {
          kind: 'denied',
          arn: clusterArn('us-east-1', 'abcdefghijklmnopqrstuvwxyz'),
          field: 'policy',
          message:
            'AccessDeniedException: User is not authorized to perform dsql:GET /cluster/abcdefghijklmnopqrstuvwxyz/policy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted cluster (with its policy and tags) and a removed policy disappear on the next run', async () => {
    state.remove(clusterArn('us-west-2', 'abcdefghijklmnopqrstuvwxyz'));
    await dsql.send(new DeleteClusterPolicyCommand({ identifier: 'abcdefghijklmnopqrstuvwxyz' }));
    const next = await h.collect('run', ['dsql'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, 'dsql/us-west-2/cluster/abcdefghijklmnopqrstuvwxyz');
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/cluster/abcdefghijklmnopqrstuvwxyz/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
