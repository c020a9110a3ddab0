/**
 * S3 Object Lambda access points through an HTTP emulation (moto lacks the API): the exact files
 * collected, AccessDenied on a policy, deletion after removal. Object Lambda access points take no tags.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { objectLambdaEmulator, ObjectLambdaState } from '../moto/resource-emulators.js';
import { seedObjectLambda } from '../moto/resource-seeds.js';
import {
  ACCOUNT,
  assertGolden,
  DENIED,
  type Collected,
  jobOf,
  type SourceHarness,
  startSourceHarness,
} from './resource-sources-harness.js';

const state = new ObjectLambdaState();
let harness: SourceHarness;
let clean: Collected;

before(async () => {
  harness = await startSourceHarness([objectLambdaEmulator(state)]);
  seedObjectLambda(state);
  clean = await harness.collect('clean', ['s3-object-lambda']);
});

after(async () => {
  await harness?.stop();
});

describe('s3-object-lambda sources (HTTP emulation)', () => {
  it('collects Object Lambda access points with policy and Block Public Access: exactly the golden files', async () => {
    assert.equal(clean.result.exitCode, 0, JSON.stringify(clean.result.summary, null, 2));
    await assertGolden('s3-object-lambda', 'collected', clean.files);
    assert.deepEqual(jobOf(clean.result, 's3-object-lambda', 'us-west-2', 'objectLambdaAccessPoints'), {
      status: 'collected',
      counts: { objectLambdaAccessPoint: 2 },
    });
  });

  it('AccessDenied on an access point policy keeps the stored policy and records the gap', async () => {
    harness.deny((request) => request.path === '/v20180820/accesspointforobjectlambda/transform-useast1/policy');
    try {
      const denied = await harness.collect('clean', ['s3-object-lambda']);
      assert.equal(denied.result.exitCode, 0);
      assert.deepEqual(denied.files, clean.files);
      assert.deepEqual(jobOf(denied.result, 's3-object-lambda', 'us-east-1', 'objectLambdaAccessPoints'), {
        status: 'collected',
        counts: { objectLambdaAccessPoint: 2 },
        issues: [
          {
            kind: 'denied',
            arn: `arn:aws:s3-object-lambda:us-east-1:${ACCOUNT}:accesspoint/transform-useast1`,
            field: 'policy',
            message: DENIED,
          },
        ],
      });
    } finally {
      harness.deny(undefined);
    }
  });

  it('deletes an access point removed since the last run, and a policy removed from another', async () => {
    state.remove(ACCOUNT, 'us-west-2', 'redact-uswest2');
    const transform = state.accessPoints.find((a) => a.name === 'transform-useast1');
    assert.ok(transform);
    transform.policy = undefined;
    const again = await harness.collect('clean', ['s3-object-lambda']);
    assert.equal(again.result.exitCode, 0);
    const gone = (path: string) =>
      path.startsWith('s3-object-lambda/us-west-2/accesspoint/redact-uswest2/') ||
      path === 's3-object-lambda/us-east-1/accesspoint/transform-useast1/policy.json';
    assert.equal(Object.keys(clean.files).filter(gone).length, 3);
    assert.deepEqual(again.files, Object.fromEntries(Object.entries(clean.files).filter(([path]) => !gone(path))));
  });
});
