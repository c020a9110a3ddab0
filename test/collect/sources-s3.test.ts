/**
 * S3 resource sources against moto (general purpose buckets, access points, Multi-Region Access
 * Points): the exact files collected, AccessDenied on a policy, and deletion after removal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as s3 from '@aws-sdk/client-s3';
import * as s3control from '@aws-sdk/client-s3-control';
import { localhostHttpHandler } from '../moto/harness.js';
import { S3_SEED, seedClientConfig, seedS3 } from '../moto/resource-seeds.js';
import { s3ControlEndpoint } from '../moto/seed.js';
import {
  ACCOUNT,
  assertGolden,
  type Collected,
  DENIED,
  jobOf,
  type SourceHarness,
  startSourceHarness,
} from './resource-sources-harness.js';

let harness: SourceHarness;
let clean: Collected;

before(async () => {
  harness = await startSourceHarness();
  await seedS3({ endpoint: harness.endpoint });
  clean = await harness.collect('clean', ['s3']);
});

after(async () => {
  await harness?.stop();
});

describe('s3 sources (moto)', () => {
  it('collects buckets, access points and Multi-Region Access Points: exactly the golden files', async () => {
    assert.equal(clean.result.exitCode, 0, JSON.stringify(clean.result.summary, null, 2));
    await assertGolden('s3', 'collected', clean.files);
    assert.deepEqual(jobOf(clean.result, 's3', 'us-east-1', 'generalPurposeBuckets'), {
      status: 'collected',
      counts: { bucket: 2 },
    });
    assert.deepEqual(jobOf(clean.result, 's3', 'us-west-2', 'accessPoints'), {
      status: 'collected',
      counts: { accessPoint: 0 },
    });
    assert.deepEqual(jobOf(clean.result, 's3', 'global', 'multiRegionAccessPoints'), {
      status: 'collected',
      counts: { multiRegionAccessPoint: 1 },
    });
  });

  it('AccessDenied on bucket and access point policies keeps the stored policies and records each gap', async () => {
    harness.deny(
      (request) => request.query.has('policy') || /^\/v20180820\/accesspoint\/[^/]+\/policy$/.test(request.path),
    );
    try {
      const denied = await harness.collect('clean', ['s3']);
      assert.equal(denied.result.exitCode, 0);
      assert.deepEqual(denied.files, clean.files);
      const data = S3_SEED.dataBucket(ACCOUNT, 'us-west-2');
      const logs = S3_SEED.logsBucket(ACCOUNT, 'us-west-2');
      assert.deepEqual(jobOf(denied.result, 's3', 'us-west-2', 'generalPurposeBuckets'), {
        status: 'collected',
        counts: { bucket: 2 },
        issues: [
          { kind: 'denied', arn: `arn:aws:s3:::${data}`, field: 'policy', message: DENIED },
          { kind: 'denied', arn: `arn:aws:s3:::${logs}`, field: 'policy', message: DENIED },
        ],
      });
      const accessPointJob = jobOf(denied.result, 's3', 'us-east-1', 'accessPoints') as { issues: unknown[] };
      assert.deepEqual(
        accessPointJob.issues.map((issue) => (issue as { arn: string; field: string }).field),
        ['policy', 'policy'],
      );
      // A first collection under denial has no policy to keep: the policy files are simply not there.
      const fresh = await harness.collect('denied-first', ['s3']);
      assert.deepEqual(
        Object.keys(fresh.files).filter((path) => path.endsWith('/policy.json')),
        Object.keys(clean.files).filter((path) => /^s3\/accesspoint\/[^/]+\/policy\.json$/.test(path)),
      );
    } finally {
      harness.deny(undefined);
    }
  });

  it('deletes what was removed on the next run: a bucket, a bucket policy, an access point, the Multi-Region Access Point', async () => {
    const west = new s3.S3Client({
      ...seedClientConfig({ endpoint: harness.endpoint }, 'us-west-2'),
      forcePathStyle: true,
    });
    const east = new s3.S3Client({
      ...seedClientConfig({ endpoint: harness.endpoint }, 'us-east-1'),
      forcePathStyle: true,
    });
    const control = new s3control.S3ControlClient({
      ...seedClientConfig({ endpoint: harness.endpoint }, 'us-west-2'),
      endpoint: s3ControlEndpoint(harness.endpoint),
      requestHandler: localhostHttpHandler(),
    });
    const logs = S3_SEED.logsBucket(ACCOUNT, 'us-west-2');
    const data = S3_SEED.dataBucket(ACCOUNT, 'us-east-1');
    await west.send(new s3.DeleteBucketCommand({ Bucket: logs }));
    await east.send(new s3.DeleteBucketPolicyCommand({ Bucket: data }));
    await east.send(new s3.DeleteBucketTaggingCommand({ Bucket: data }));
    await control.send(
      new s3control.DeleteAccessPointCommand({ AccountId: ACCOUNT, Name: S3_SEED.accessPoint('us-west-2') }),
    );
    await control.send(
      new s3control.DeleteMultiRegionAccessPointCommand({
        AccountId: ACCOUNT,
        ClientToken: 'remove',
        Details: { Name: S3_SEED.multiRegionAccessPoint },
      }),
    );
    for (const client of [west, east, control]) client.destroy();

    const again = await harness.collect('clean', ['s3']);
    assert.equal(again.result.exitCode, 0);
    const removed = (path: string) =>
      path.startsWith(`s3/${logs}/`) ||
      path === `s3/${data}/policy.json` ||
      path === `s3/${data}/tags.json` ||
      path.startsWith('s3/us-east-1/accesspoint/ap-uswest2/') ||
      path.startsWith('s3/accesspoint/');
    const expected = Object.fromEntries(Object.entries(clean.files).filter(([path]) => !removed(path)));
    assert.deepEqual(again.files, expected);
    assert.ok(Object.keys(clean.files).some(removed), 'the clean run had the removed resources');
  });

  it('a region filter collects and deletes only that region: buckets of other regions stay stored', async () => {
    const before = await harness.collect('clean', ['s3']);
    const east = await harness.collect('clean', ['s3'], { regions: ['us-east-1'] });
    assert.equal(east.result.exitCode, 0);
    assert.deepEqual(east.files, before.files);
  });
});
