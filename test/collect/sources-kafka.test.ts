/**
 * kafka/clusters against moto, with an HTTP-level fix of moto's cluster times (sent without a time
 * zone, which the SDK rejects): provisioned clusters with their policy, KMS key and
 * tags; deletion of a cluster and a policy on the next run; AccessDenied on one cluster's policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateClusterV2Command,
  DeleteClusterCommand,
  DeleteClusterPolicyCommand,
  KafkaClient,
  PutClusterPolicyCommand,
} from '@aws-sdk/client-kafka';
import { kafkaTimeZoneEmulator } from '../moto/emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  replaceInTree,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const CLUSTERS = `aws/aws/accounts/${ACCOUNT}/kafka/us-east-1/cluster`;

let h: ResourceHarness;
let first: Collected;
const arns: Record<string, string> = {};
const id = (name: string) => (arns[name] ?? '').slice((arns[name] ?? '').indexOf('/') + 1);

before(async () => {
  h = await startResourceHarness({ emulators: [kafkaTimeZoneEmulator()] });
  const client = new KafkaClient(h.clientConfig);
  const provisioned = (name: string, tags?: Record<string, string>) =>
    client.send(
      new CreateClusterV2Command({
        ClusterName: name,
        Provisioned: {
          BrokerNodeGroupInfo: { ClientSubnets: ['subnet-0a1b2c3d'], InstanceType: 'kafka.m5.large' },
          KafkaVersion: '3.5.1',
          NumberOfBrokerNodes: 2,
        },
        Tags: tags,
      }),
    );
  arns.events = (await provisioned('events', { app: 'events' })).ClusterArn ?? '';
  arns.metrics = (await provisioned('metrics')).ClusterArn ?? '';
  // moto gives serverless clusters a `serverless-cluster/` ARN that AWS does not use (AWS: `cluster/`),
  // so this test seeds provisioned clusters only; both kinds come from the same listing.
  arns.ingest = (await provisioned('ingest', { app: 'ingest' })).ClusterArn ?? '';
  for (const name of ['events', 'metrics']) {
    await client.send(
      new PutClusterPolicyCommand({
        ClusterArn: arns[name],
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AllowPartnerConnect',
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
              Action: ['kafka:CreateVpcConnection', 'kafka:DescribeClusterV2', 'kafka:GetBootstrapBrokers'],
              Resource: arns[name],
            },
          ],
        }),
      }),
    );
  }
  client.destroy();
});

after(async () => {
  await h?.stop();
});

describe('kafka/clusters (moto + HTTP fix of cluster times)', () => {
  test('collects every cluster: metadata, cluster policy, tags', async () => {
    first = await h.collect('run', ['kafka']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('kafka', 'clusters'), { status: 'collected', counts: { cluster: 3 } });
    // moto makes cluster ids with Python's own uuid4, which its random seed does not cover.
    const stable = Object.fromEntries(Object.keys(arns).map((name) => [id(name), `uuid-of-${name}`]));
    await assertGoldenTree(replaceInTree(first.tree, stable), goldenFolder('kafka'));
  });

  test('AccessDenied on one cluster policy: the cluster is kept, its stored policy untouched, the gap recorded', async () => {
    const allow = h.deny(
      (r) => r.method === 'GET' && r.path === `/v1/clusters/${encodeURIComponent(arns.events ?? '')}/policy`,
    );
    let again: Collected;
    let fresh: Collected;
    try {
      again = await h.collect('run', ['kafka']);
      fresh = await h.collect('denied-fresh', ['kafka']);
    } finally {
      allow();
    }
    for (const run of [again, fresh]) {
      assert.equal(run.result.exitCode, 0);
      assert.deepEqual(
        run.job('kafka', 'clusters').issues?.map((i) => [i.kind, i.arn, i.field]),
        [['denied', arns.events, 'policy']],
      );
    }
    assert.deepEqual(again.tree, first.tree);
    const withoutPolicy = new Map(first.tree);
    withoutPolicy.delete(`${CLUSTERS}/${id('events')}/policy.json`);
    assert.deepEqual(fresh.tree, withoutPolicy);
  });

  test('a deleted cluster and a removed policy are deleted from storage on the next run', async () => {
    const client = new KafkaClient(h.clientConfig);
    await client.send(new DeleteClusterCommand({ ClusterArn: arns.ingest }));
    await client.send(new DeleteClusterPolicyCommand({ ClusterArn: arns.metrics }));
    client.destroy();
    const next = await h.collect('run', ['kafka']);
    assert.deepEqual(next.job('kafka', 'clusters').counts, { cluster: 2 });
    const expected = without(first.tree, `kafka/us-east-1/cluster/${id('ingest')}`);
    expected.delete(`${CLUSTERS}/${id('metrics')}/policy.json`);
    assert.deepEqual(next.tree, expected);
  });
});
