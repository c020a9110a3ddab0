/**
 * glue/GlueCatalogSync against moto: the Data Catalog policy, its removal on the next run (the folder
 * goes, as in iam-collect), AccessDenied on GetResourcePolicy. The catalog has no tags.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DeleteResourcePolicyCommand, GlueClient, PutResourcePolicyCommand } from '@aws-sdk/client-glue';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
} from './resource-harness.js';

let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness();
  const client = new GlueClient(h.clientConfig);
  await client.send(
    new PutResourcePolicyCommand({
      PolicyInJson: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowAnalytics',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: ['glue:GetTable', 'glue:GetDatabase'],
            Resource: `arn:aws:glue:us-east-1:${ACCOUNT}:*`,
          },
        ],
      }),
    }),
  );
  client.destroy();
});

after(async () => {
  await h?.stop();
});

describe('glue/GlueCatalogSync (moto)', () => {
  test('collects the catalog policy', async () => {
    first = await h.collect('run', ['glue']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('glue', 'GlueCatalogSync'), { status: 'collected', counts: { catalog: 1 } });
    await assertGoldenTree(first.tree, goldenFolder('glue'));
  });

  test('AccessDenied on GetResourcePolicy: the job is denied and the stored policy is kept', async () => {
    const allow = h.deny((r) => r.operation === 'glue:GetResourcePolicy');
    const denied = await h.collect('run', ['glue']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.equal(denied.job('glue', 'GlueCatalogSync').status, 'denied');
    assert.match(denied.job('glue', 'GlueCatalogSync').reason ?? '', /^AccessDeniedException/);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a removed catalog policy deletes the catalog folder on the next run', async () => {
    const client = new GlueClient(h.clientConfig);
    await client.send(new DeleteResourcePolicyCommand({}));
    client.destroy();
    const next = await h.collect('run', ['glue']);
    assert.deepEqual(next.job('glue', 'GlueCatalogSync'), { status: 'collected', counts: { catalog: 0 } });
    assert.deepEqual([...next.tree.keys()], []);
  });
});
