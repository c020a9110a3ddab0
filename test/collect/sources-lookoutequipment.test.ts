/**
 * lookoutequipment/datasets and lookoutequipment/models against the recorded-response emulation of
 * Lookout for Equipment (test/moto/media-lookout-emulators.ts): moto 5.2 has no Lookout for
 * Equipment. Datasets and models with and without a policy and tags in two regions, AccessDenied on
 * one policy of each type, deletion of a dataset, of a model and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { lookoutEquipmentEmulator } from '../moto/media-lookout-emulators.js';
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
const ID = '5f8e2c1a-3b4d-4e6f-8a9b-0c1d2e3f4a5b';
const arnOf = (region: string, type: string, name: string) =>
  `arn:aws:lookoutequipment:${region}:${ACCOUNT}:${type}/${name}/${ID}`;
const root = `aws/aws/accounts/${ACCOUNT}/lookoutequipment`;
const importPolicy = (arn: string, action: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ImportFromAnalytics',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: action,
        Resource: arn,
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [lookoutEquipmentEmulator(state)] });
  for (const region of REGIONS) {
    const dataset = arnOf(region, 'dataset', 'pumps');
    state.add(
      dataset,
      { Status: 'ACTIVE', CreatedAt: 1709287200 },
      { policy: importPolicy(dataset, 'lookoutequipment:ImportDataset'), tags: { plant: 'north', stage: 'prod' } },
    );
    const model = arnOf(region, 'model', 'pump-anomalies');
    state.add(
      model,
      { DatasetName: 'pumps', DatasetArn: dataset, Status: 'SUCCESS', CreatedAt: 1709373600, ActiveModelVersion: 2 },
      { policy: importPolicy(model, 'lookoutequipment:ImportModelVersion'), tags: { plant: 'north' } },
    );
  }
  state.add(arnOf('us-east-1', 'dataset', 'fans'), { Status: 'CREATED', CreatedAt: 1709287200 });
});

after(async () => {
  await h?.stop();
});

describe('lookoutequipment sources (recorded-response emulation of ListDatasets, ListModels, DescribeResourcePolicy and tags)', () => {
  test('collects datasets and models in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['lookoutequipment'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('lookoutequipment', 'datasets', 'us-east-1'), collected({ dataset: 2 }));
    assert.deepEqual(first.job('lookoutequipment', 'datasets', 'us-west-2'), collected({ dataset: 1 }));
    assert.deepEqual(first.job('lookoutequipment', 'models', 'us-east-1'), collected({ model: 1 }));
    assert.deepEqual(first.job('lookoutequipment', 'models', 'us-west-2'), collected({ model: 1 }));
    await assertGoldenTree(first.tree, goldenFolder('lookoutequipment'));
    const model = arnOf('us-east-1', 'model', 'pump-anomalies');
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/model/pump-anomalies%2f${ID}/policy.json`) ?? 'null'),
      JSON.parse(importPolicy(model, 'lookoutequipment:ImportModelVersion')),
    );
    assert.deepEqual(JSON.parse(first.tree.get(`${root}/us-east-1/dataset/pumps%2f${ID}/tags.json`) ?? 'null'), {
      plant: 'north',
      stage: 'prod',
    });
  });

  test("AccessDenied on one dataset's policy and one model's policy: both kept, stored policies untouched, gaps recorded", async () => {
    const dataset = arnOf('us-east-1', 'dataset', 'pumps');
    const model = arnOf('us-east-1', 'model', 'pump-anomalies');
    const allow = h.deny(
      (r) =>
        r.operation === 'lookoutequipment:DescribeResourcePolicy' &&
        [dataset, model].some((arn) => r.body.toString().includes(arn)),
    );
    const denied = await h.collect('run', ['lookoutequipment'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    const issue = (arn: string) => ({
      kind: 'denied',
      arn,
      field: 'policy',
      message: 'AccessDeniedException: User is not authorized to perform lookoutequipment:DescribeResourcePolicy',
    });
    assert.deepEqual(denied.job('lookoutequipment', 'datasets', 'us-east-1'), {
      status: 'collected',
      counts: { dataset: 2 },
      issues: [issue(dataset)],
    });
    assert.deepEqual(denied.job('lookoutequipment', 'models', 'us-east-1'), {
      status: 'collected',
      counts: { model: 1 },
      issues: [issue(model)],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted dataset and model (with their policies and tags) and a removed policy disappear on the next run', async () => {
    state.remove(arnOf('us-west-2', 'dataset', 'pumps'));
    state.remove(arnOf('us-west-2', 'model', 'pump-anomalies'));
    state.policies.delete(arnOf('us-east-1', 'model', 'pump-anomalies'));
    const next = await h.collect('run', ['lookoutequipment'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(
      first.tree,
      `lookoutequipment/us-west-2/dataset/pumps%2f${ID}`,
      `lookoutequipment/us-west-2/model/pump-anomalies%2f${ID}`,
    );
    assert.equal(first.tree.size - expected.size, 6);
    assert.ok(expected.delete(`${root}/us-east-1/model/pump-anomalies%2f${ID}/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
