/**
 * S3 Express directory buckets with the endpoint taken from the environment (AWS_ENDPOINT_URL), as
 * the CLI runs in the benchmark. The SDK then resolves a directory bucket's endpoint by its AWS
 * rules, which read the zone id out of the bucket's name (`<base>--use1-az4--x-s3`) and reject, before
 * sending anything, a name without a real one. With the endpoint in the config (the other s3express
 * test) the SDK takes its custom-endpoint branch, which never reads the name. Buckets named as on
 * AWS are collected exactly as there; a bucket whose name the SDK rejects costs that bucket's
 * fields, recorded in the run summary, and not the region's other buckets.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DownloadResult } from '../../src/collect/download.js';
import { useCollectorEnv } from '../moto/harness.js';
import { DirectoryBucketState, directoryBucketEmulator } from '../moto/resource-emulators.js';
import { allowAccount, seedDirectoryBuckets } from '../moto/resource-seeds.js';
import { collectInProcess, normalise, readTree } from './e2e-helpers.js';
import { ACCOUNT, jobOf, type SourceHarness, startSourceHarness } from './resource-sources-harness.js';

/** A name the SDK's rules reject: `ue1-az4` is no zone id (AWS writes `use1-az4`). */
const REJECTED = 'legacy--ue1-az4--x-s3';
const REJECTED_ARN = `arn:aws:s3express:us-east-1:${ACCOUNT}:bucket/${REJECTED}`;
const REJECTED_MESSAGE = 'EndpointError: Unrecognized S3Express bucket name format.';
const GOLDEN = new URL('../moto/fixtures/s3express/collected.json', import.meta.url);

const state = new DirectoryBucketState();
let harness: SourceHarness;
let work: string;
let result: DownloadResult;
let files: Record<string, unknown>;

before(async () => {
  harness = await startSourceHarness([directoryBucketEmulator(state)]);
  work = await mkdtemp(join(tmpdir(), 'iamwright-s3express-names-'));
  seedDirectoryBuckets(state);
  state.buckets.push({
    account: ACCOUNT,
    region: 'us-east-1',
    name: REJECTED,
    policy: allowAccount(ACCOUNT, 's3express:CreateSession', REJECTED_ARN),
  });
  state.bucketTags.set(REJECTED_ARN, { app: 'legacy' });

  // No endpoint in the config: the SDK clients find it in AWS_ENDPOINT_URL.
  const restore = useCollectorEnv(harness.endpoint);
  try {
    const data = join(work, 'data');
    const config = { storage: { type: 'file', path: data }, regions: { included: ['us-east-1', 'us-west-2'] } };
    result = await collectInProcess(join(work, 'config'), config, { services: ['s3express'] });
    const prefix = `aws/aws/accounts/${ACCOUNT}/`;
    files = {};
    for (const [path, text] of await readTree(data)) {
      if (path.startsWith(prefix)) files[path.slice(prefix.length)] = JSON.parse(normalise(text));
    }
  } finally {
    restore();
  }
});

after(async () => {
  await harness?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('s3express sources with the SDK reading directory bucket names (endpoint from AWS_ENDPOINT_URL)', () => {
  it('collects buckets named as on AWS exactly as with a configured endpoint, and of a rejected name what S3 Control reads', () => {
    assert.equal(result.exitCode, 0, JSON.stringify(result.summary, null, 2));
    assert.deepEqual(files, {
      ...JSON.parse(readFileSync(GOLDEN, 'utf8')),
      // No policy file (not read, nothing stored before) and no encryption in the metadata.
      [`s3express/us-east-1/bucket/${REJECTED}/metadata.json`]: { arn: REJECTED_ARN, name: REJECTED },
      [`s3express/us-east-1/bucket/${REJECTED}/tags.json`]: { app: 'legacy' },
    });
  });

  it("records the rejected name as the bucket's own failed fields; its region's other buckets are collected", () => {
    const failed = (field: string) => ({ kind: 'failed', arn: REJECTED_ARN, field, message: REJECTED_MESSAGE });
    assert.deepEqual(jobOf(result, 's3express', 'us-east-1', 'directoryBuckets'), {
      status: 'collected',
      counts: { directoryBucket: 3 },
      issues: [failed('metadata.encryption'), failed('policy')],
    });
    assert.deepEqual(jobOf(result, 's3express', 'us-west-2', 'directoryBuckets'), {
      status: 'collected',
      counts: { directoryBucket: 2 },
    });
  });
});
