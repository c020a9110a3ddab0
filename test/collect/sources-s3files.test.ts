/**
 * s3files/fileSystems against the recorded-response emulation of S3 Files file systems, their file
 * system policies and tags in the REST-JSON wire format (moto 5.2 lacks the service; see
 * s3filesEmulator): file systems with and without a policy and tags in two regions, AccessDenied on
 * one policy, deletion of a file system and of a policy on the next run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BacklogState } from '../moto/backlog-emulators.js';
import { s3filesEmulator } from '../moto/netmgr-refactor-s3files-emulators.js';
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
const arnOf = (region: string, id: string) => `arn:aws:s3files:${region}:${ACCOUNT}:file-system/${id}`;
const root = `aws/aws/accounts/${ACCOUNT}/s3files`;
const DATA = 'fs-0a1b2c3d4e5f60001';
const SCRATCH = 'fs-0a1b2c3d4e5f60002';
const mountPolicy = (arn: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'MountFromAnalytics',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/analytics' },
        Action: ['s3files:ClientMount', 's3files:ClientWrite'],
        Resource: arn,
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      },
    ],
  });
const fileSystem = (region: string, id: string, name: string) => ({
  fileSystemId: id,
  name,
  bucket: `arn:aws:s3:::${name}-${region}`,
  roleArn: `arn:aws:iam::${ACCOUNT}:role/s3files-${name}`,
  status: 'available',
});

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [s3filesEmulator(state)] });
  for (const region of REGIONS) {
    const arn = arnOf(region, DATA);
    state.add(arn, fileSystem(region, DATA, 'datalake'), {
      policy: mountPolicy(arn),
      tags: { team: 'analytics', stage: 'prod' },
    });
  }
  state.add(arnOf('us-east-1', SCRATCH), fileSystem('us-east-1', SCRATCH, 'scratch'));
});

after(async () => {
  await h?.stop();
});

describe('s3files sources (recorded-response emulation of file systems, file system policies and tags)', () => {
  test('collects file systems in two regions: metadata, policies, tags', async () => {
    first = await h.collect('run', ['s3files'], REGIONS);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    const collected = (count: number) => ({ status: 'collected', counts: { fileSystem: count } });
    assert.deepEqual(first.job('s3files', 'fileSystems', 'us-east-1'), collected(2));
    assert.deepEqual(first.job('s3files', 'fileSystems', 'us-west-2'), collected(1));
    await assertGoldenTree(first.tree, goldenFolder('s3files'));
    assert.deepEqual(
      JSON.parse(first.tree.get(`${root}/us-east-1/file-system/${DATA}/policy.json`) ?? 'null'),
      JSON.parse(mountPolicy(arnOf('us-east-1', DATA))),
    );
  });

  test("AccessDenied on one file system's policy: file system kept, stored policy untouched, gap recorded", async () => {
    const allow = h.deny(
      (r) => r.region === 'us-east-1' && r.method === 'GET' && r.path === `/file-systems/${DATA}/policy`,
    );
    const denied = await h.collect('run', ['s3files'], REGIONS).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('s3files', 'fileSystems', 'us-east-1'), {
      status: 'collected',
      counts: { fileSystem: 2 },
      issues: [
        {
          kind: 'denied',
          arn: arnOf('us-east-1', DATA),
          field: 'policy',
          message: `AccessDeniedException: User is not authorized to perform s3files:GET /file-systems/${DATA}/policy`,
        },
      ],
    });
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted file system (with its policy and tags) and a removed policy disappear on the next run', async () => {
    state.remove(arnOf('us-west-2', DATA));
    state.policies.delete(arnOf('us-east-1', DATA));
    const next = await h.collect('run', ['s3files'], REGIONS);
    assert.equal(next.result.exitCode, 0, JSON.stringify(next.result.summary, null, 2));
    const expected = without(first.tree, `s3files/us-west-2/file-system/${DATA}`);
    assert.equal(first.tree.size - expected.size, 3);
    assert.ok(expected.delete(`${root}/us-east-1/file-system/${DATA}/policy.json`));
    assert.deepEqual(next.tree, expected);
  });
});
