/**
 * redshift/clusterNamespaces against moto, with the HTTP emulation of GetResourcePolicy (moto 5.2
 * answers 500) and of the cluster's namespace ARN (moto's DescribeClusters leaves it out): the
 * namespace policy, tags, deletion on the next run, AccessDenied on one namespace's policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DeleteTagsCommand,
  RedshiftClient,
} from '@aws-sdk/client-redshift';
import { BacklogState, redshiftEmulator, redshiftNamespaceArn } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  REGION,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const namespace = (cluster: string) => redshiftNamespaceArn(ACCOUNT, REGION, cluster);
const folder = (cluster: string) => `redshift/us-east-1/namespace/${namespace(cluster).split(':').pop()}`;
const root = `aws/aws/accounts/${ACCOUNT}`;
const integrationPolicy = (cluster: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'redshift.amazonaws.com' },
      Action: 'redshift:AuthorizeInboundIntegration',
      Resource: namespace(cluster),
      Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' } },
    },
  ],
});

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
let redshift: RedshiftClient;

before(async () => {
  h = await startResourceHarness({ emulators: [redshiftEmulator(state)] });
  redshift = new RedshiftClient(h.clientConfig);
  for (const [id, tags] of [
    [
      'warehouse',
      [
        { Key: 'team', Value: 'data' },
        { Key: 'tier', Value: 'prod' },
      ],
    ],
    ['staging', undefined],
  ] as const) {
    await redshift.send(
      new CreateClusterCommand({
        ClusterIdentifier: id,
        NodeType: 'ra3.xlplus',
        MasterUsername: 'admin',
        MasterUserPassword: 'Passw0rd-example',
        Encrypted: id === 'warehouse',
        ...(tags ? { Tags: [...tags] } : {}),
      }),
    );
  }
  state.setPolicy(namespace('warehouse'), integrationPolicy('warehouse'));
});

after(async () => {
  redshift?.destroy();
  await h?.stop();
});

describe('redshift/clusterNamespaces (moto + HTTP emulation of GetResourcePolicy and the namespace ARN)', () => {
  test('collects every cluster by namespace: metadata, resource policy, tags', async () => {
    first = await h.collect('run', ['redshift']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('redshift', 'clusterNamespaces'), { status: 'collected', counts: { namespace: 2 } });
    await assertGoldenTree(first.tree, goldenFolder('redshift'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/${folder('warehouse')}/policy.json`) ?? 'null'),
      integrationPolicy('warehouse'),
    );
  });

  test("AccessDenied on one namespace's policy: the namespace is kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.operation === 'redshift:GetResourcePolicy' &&
        new URLSearchParams(r.body.toString()).get('ResourceArn') === namespace('warehouse'),
    );
    const denied = await h.collect('run', ['redshift']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('redshift', 'clusterNamespaces'), {
      status: 'collected',
      counts: { namespace: 2 },
      issues: [
        {
          kind: 'denied',
          arn: namespace('warehouse'),
          field: 'policy',
          message: 'AccessDenied: User is not authorized to perform redshift:GetResourcePolicy',
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted cluster, a removed policy and removed tags disappear on the next run', async () => {
    await redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'staging', SkipFinalClusterSnapshot: true }));
    await redshift.send(
      new DeleteTagsCommand({
        ResourceName: `arn:aws:redshift:us-east-1:${ACCOUNT}:cluster:warehouse`,
        TagKeys: ['tier'],
      }),
    );
    state.policies.delete(namespace('warehouse'));
    const next = await h.collect('run', ['redshift']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(first.tree, folder('staging'));
    expected.delete(`${root}/${folder('warehouse')}/policy.json`);
    expected.set(`${root}/${folder('warehouse')}/tags.json`, JSON.stringify({ team: 'data' }, null, 2));
    assert.deepEqual(next.tree, expected);
  });
});
