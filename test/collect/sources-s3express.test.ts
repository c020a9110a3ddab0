/**
 * S3 Express One Zone directory buckets and their access points through an HTTP emulation (moto
 * lists general purpose buckets as directory buckets and lacks the rest): the exact files collected,
 * AccessDenied on a policy, deletion after removal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DirectoryBucketState, directoryBucketEmulator } from '../moto/resource-emulators.js';
import { directoryZone, seedDirectoryBuckets, seedS3 } from '../moto/resource-seeds.js';
import {
  ACCOUNT,
  assertGolden,
  type Collected,
  DENIED,
  jobOf,
  type SourceHarness,
  startSourceHarness,
} from './resource-sources-harness.js';

const state = new DirectoryBucketState();
let harness: SourceHarness;
let clean: Collected;
const zone = directoryZone('us-east-1');

before(async () => {
  harness = await startSourceHarness([directoryBucketEmulator(state)]);
  // General purpose buckets too: they must not be taken for directory buckets.
  await seedS3({ endpoint: harness.endpoint, regions: ['us-east-1'] });
  seedDirectoryBuckets(state);
  clean = await harness.collect('clean', ['s3express']);
});

after(async () => {
  await harness?.stop();
});

describe('s3express sources (HTTP emulation)', () => {
  it('collects directory buckets (policy, encryption, tags) and their access points (policy, Block Public Access, tags): exactly the golden files', async () => {
    assert.equal(clean.result.exitCode, 0, JSON.stringify(clean.result.summary, null, 2));
    await assertGolden('s3express', 'collected', clean.files);
    assert.deepEqual(jobOf(clean.result, 's3express', 'us-east-1', 'directoryBuckets'), {
      status: 'collected',
      counts: { directoryBucket: 2 },
    });
    assert.deepEqual(jobOf(clean.result, 's3express', 'us-west-2', 'directoryAccessPoints'), {
      status: 'collected',
      counts: { directoryAccessPoint: 1 },
    });
  });

  it('AccessDenied on a bucket policy and an access point policy keeps the stored policies and records the gaps', async () => {
    harness.deny(
      (request) =>
        request.service === 's3express' &&
        request.region === 'us-east-1' &&
        (request.query.has('policy') || request.path.endsWith('/policy')),
    );
    try {
      const denied = await harness.collect('clean', ['s3express']);
      assert.equal(denied.result.exitCode, 0);
      assert.deepEqual(denied.files, clean.files);
      const issue = (arn: string) => ({ kind: 'denied', arn, field: 'policy', message: DENIED });
      assert.deepEqual(jobOf(denied.result, 's3express', 'us-east-1', 'directoryBuckets'), {
        status: 'collected',
        counts: { directoryBucket: 2 },
        issues: [
          issue(`arn:aws:s3express:us-east-1:${ACCOUNT}:bucket/data--${zone}--x-s3`),
          issue(`arn:aws:s3express:us-east-1:${ACCOUNT}:bucket/scratch--${zone}--x-s3`),
        ],
      });
      assert.deepEqual(jobOf(denied.result, 's3express', 'us-east-1', 'directoryAccessPoints'), {
        status: 'collected',
        counts: { directoryAccessPoint: 1 },
        issues: [issue(`arn:aws:s3express:us-east-1:${ACCOUNT}:accesspoint/reader--${zone}--xa-s3`)],
      });
    } finally {
      harness.deny(undefined);
    }
  });

  it('deletes a bucket and an access point removed since the last run, and tags removed from another', async () => {
    const westZone = directoryZone('us-west-2');
    state.buckets.splice(
      state.buckets.findIndex((b) => b.name === `scratch--${westZone}--x-s3`),
      1,
    );
    state.accessPoints.splice(
      state.accessPoints.findIndex((a) => a.region === 'us-east-1'),
      1,
    );
    state.bucketTags.delete(`arn:aws:s3express:us-east-1:${ACCOUNT}:bucket/data--${zone}--x-s3`);
    const again = await harness.collect('clean', ['s3express']);
    assert.equal(again.result.exitCode, 0);
    const gone = (path: string) =>
      path.startsWith(`s3express/us-west-2/bucket/scratch--${westZone}--x-s3/`) ||
      path.startsWith(`s3express/us-east-1/accesspoint/reader--${zone}--xa-s3/`) ||
      path === `s3express/us-east-1/bucket/data--${zone}--x-s3/tags.json`;
    assert.equal(Object.keys(clean.files).filter(gone).length, 6);
    assert.deepEqual(again.files, Object.fromEntries(Object.entries(clean.files).filter(([path]) => !gone(path))));
  });
});
