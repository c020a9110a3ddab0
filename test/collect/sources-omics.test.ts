/**
 * omics/sequenceStores against the HTTP emulation of AWS HealthOmics
 * (test/moto/smsvoice-qbusiness-omics-emulators.ts: moto 5.2 has none of it), in AWS's REST-JSON wire
 * format. Sequence stores with and without an S3 access policy, without an S3 access point, with and
 * without tags, in two regions; AccessDenied on one S3 access policy and on one GetSequenceStore;
 * deletion of a store and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { omicsEmulator } from '../moto/smsvoice-qbusiness-omics-emulators.js';
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
const GENOMES = '1111111111';
const SCRATCH = '2222222222';
const LEGACY = '3333333333';
const storeArn = (region: string, id: string) => `arn:aws:omics:${region}:${ACCOUNT}:sequenceStore/${id}`;
const accessPointOf = (region: string, id: string) => `arn:aws:s3:${region}:${ACCOUNT}:accesspoint/${ACCOUNT}-${id}`;
const root = `aws/aws/accounts/${ACCOUNT}/omics`;
const readPolicy = (accessPoint: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PartnerReads',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/genomics-partner' },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [accessPoint, `${accessPoint}/object/*`],
      },
    ],
  });

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

function addStore(
  region: string,
  id: string,
  name: string,
  extra: { policy?: boolean; tags?: Record<string, string> },
) {
  const accessPoint = accessPointOf(region, id);
  state.add(
    storeArn(region, id),
    {
      name,
      description: `${name} read sets`,
      creationTime: '2026-01-01T00:00:00Z',
      s3AccessPointArn: accessPoint,
      s3Uri: `s3://${ACCOUNT}-${id}-s3alias/${ACCOUNT}/sequenceStore/${id}/`,
    },
    { ...(extra.policy ? { policy: readPolicy(accessPoint) } : {}), ...(extra.tags ? { tags: extra.tags } : {}) },
  );
}

before(async () => {
  h = await startResourceHarness({ emulators: [omicsEmulator(state)] });
  for (const region of REGIONS) addStore(region, GENOMES, 'genomes', { policy: true, tags: { team: 'research' } });
  addStore('us-east-1', SCRATCH, 'scratch', {});
  // A store created before S3 access existed: no access point, so no policy to read.
  state.add(
    storeArn('us-east-1', LEGACY),
    { name: 'legacy', creationTime: '2022-01-01T00:00:00Z' },
    { tags: { era: 'old' } },
  );
});

after(async () => {
  await h?.stop();
});

describe('omics sources (recorded-response emulation: moto 5.2 lacks AWS HealthOmics)', () => {
  test('collects sequence stores in two regions: metadata, S3 access policies, tags', async () => {
    first = await h.collect('run', ['omics'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (counts: Record<string, number>) => ({ status: 'collected', counts });
    assert.deepEqual(first.job('omics', 'sequenceStores', 'us-east-1'), collected({ sequenceStore: 3 }));
    assert.deepEqual(first.job('omics', 'sequenceStores', 'us-west-2'), collected({ sequenceStore: 1 }));
    await assertGoldenTree(first.tree, goldenFolder('omics'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/sequencestore/${GENOMES}/policy.json`) ?? 'null'),
      JSON.parse(readPolicy(accessPointOf('us-east-1', GENOMES))),
    );
  });

  test("AccessDenied on one store's S3 access policy: the store kept, its stored policy untouched, the gap recorded", async () => {
    const accessPoint = accessPointOf('us-east-1', GENOMES);
    const allow = h.deny(
      (r) =>
        r.region === 'us-east-1' &&
        r.method === 'GET' &&
        decodeURIComponent(r.path) === `/s3accesspolicy/${accessPoint}`,
    );
    const denied = await h.collect('run', ['omics'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('omics', 'sequenceStores', 'us-east-1'), {
      status: 'collected',
      counts: { sequenceStore: 3 },
      issues: [
        {
          kind: 'denied',
          arn: storeArn('us-east-1', GENOMES),
          field: 'policy',
          message: `AccessDeniedException: User is not authorized to perform omics:GET /s3accesspolicy/${encodeURIComponent(accessPoint)}`,
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('AccessDenied on GetSequenceStore: the access point is unknown, so the stored policy and metadata are kept', async () => {
    const allow = h.deny(
      (r) => r.region === 'us-west-2' && r.method === 'GET' && r.path === `/sequencestore/${GENOMES}`,
    );
    const denied = await h.collect('run', ['omics'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('omics', 'sequenceStores', 'us-west-2'), {
      status: 'collected',
      counts: { sequenceStore: 1 },
      issues: [
        {
          kind: 'denied',
          arn: storeArn('us-west-2', GENOMES),
          field: 'policy',
          message: `AccessDeniedException: User is not authorized to perform omics:GET /sequencestore/${GENOMES}`,
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted store (with its policy and tags) and a removed policy disappear on the next run', async () => {
    state.remove(storeArn('us-west-2', GENOMES));
    state.policies.delete(storeArn('us-east-1', GENOMES));
    const next = await h.collect('run', ['omics'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, `omics/us-west-2/sequencestore/${GENOMES}`);
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/sequencestore/${GENOMES}/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
