/**
 * S3 Tables table buckets: the buckets in moto, their policy and encryption through an HTTP emulation
 * (moto answers 500). The exact files collected, AccessDenied on a policy, deletion after removal.
 * Table buckets are collected without tags, as iam-collect does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as s3tables from '@aws-sdk/client-s3tables';
import { TableBucketState, tableBucketEmulator } from '../moto/resource-emulators.js';
import { seedClientConfig, seedS3Tables } from '../moto/resource-seeds.js';
import {
  ACCOUNT,
  assertGolden,
  type Collected,
  DENIED,
  jobOf,
  type SourceHarness,
  startSourceHarness,
} from './resource-sources-harness.js';

const state = new TableBucketState();
let harness: SourceHarness;
let clean: Collected;

before(async () => {
  harness = await startSourceHarness([tableBucketEmulator(state)]);
  await seedS3Tables({ endpoint: harness.endpoint });
  clean = await harness.collect('clean', ['s3tables']);
});

after(async () => {
  await harness?.stop();
});

describe('s3tables sources (moto + HTTP emulation of policy and encryption)', () => {
  it('collects table buckets with policy and encryption: exactly the golden files', async () => {
    assert.equal(clean.result.exitCode, 0, JSON.stringify(clean.result.summary, null, 2));
    await assertGolden('s3tables', 'collected', clean.files);
    assert.deepEqual(jobOf(clean.result, 's3tables', 'us-west-2', 'tableBuckets'), {
      status: 'collected',
      counts: { tableBucket: 2 },
    });
  });

  it('AccessDenied on a table bucket policy keeps the stored policy and records the gap', async () => {
    harness.deny(
      (request) => request.service === 's3tables' && request.region === 'us-west-2' && request.path.endsWith('/policy'),
    );
    try {
      const denied = await harness.collect('clean', ['s3tables']);
      assert.equal(denied.result.exitCode, 0);
      assert.deepEqual(denied.files, clean.files);
      const issue = (name: string) => ({
        kind: 'denied',
        arn: `arn:aws:s3tables:us-west-2:${ACCOUNT}:bucket/${name}`,
        field: 'policy',
        message: DENIED,
      });
      assert.deepEqual(jobOf(denied.result, 's3tables', 'us-west-2', 'tableBuckets'), {
        status: 'collected',
        counts: { tableBucket: 2 },
        issues: [issue('analytics-uswest2'), issue('staging-uswest2')],
      });
    } finally {
      harness.deny(undefined);
    }
  });

  it('deletes a table bucket removed since the last run, and a policy removed from another', async () => {
    const east = new s3tables.S3TablesClient(seedClientConfig({ endpoint: harness.endpoint }, 'us-east-1'));
    const bucket = (name: string) => `arn:aws:s3tables:us-east-1:${ACCOUNT}:bucket/${name}`;
    await east.send(new s3tables.DeleteTableBucketCommand({ tableBucketARN: bucket('staging-useast1') }));
    await east.send(new s3tables.DeleteTableBucketPolicyCommand({ tableBucketARN: bucket('analytics-useast1') }));
    east.destroy();
    const again = await harness.collect('clean', ['s3tables']);
    assert.equal(again.result.exitCode, 0);
    const gone = (path: string) =>
      path.startsWith('s3tables/us-east-1/bucket/staging-useast1/') ||
      path === 's3tables/us-east-1/bucket/analytics-useast1/policy.json';
    assert.equal(Object.keys(clean.files).filter(gone).length, 2);
    assert.deepEqual(again.files, Object.fromEntries(Object.entries(clean.files).filter(([path]) => !gone(path))));
  });
});
