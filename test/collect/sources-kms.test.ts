/**
 * KMS keys and aliases against moto: the exact files collected (key policy, tags, alias targets),
 * AccessDenied on a key policy, deletion after removal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as kms from '@aws-sdk/client-kms';
import { type SeededKeys, seedClientConfig, seedKms } from '../moto/resource-seeds.js';
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
let keys: SeededKeys;
let clean: Collected;

/** Key ids are random: the golden files name them by role. */
function named(files: Record<string, unknown>): Record<string, unknown> {
  let text = JSON.stringify(files);
  for (const [region, ids] of Object.entries(keys)) {
    text = text.replaceAll(ids.orders, `<orders-key-${region}>`).replaceAll(ids.bare, `<bare-key-${region}>`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

before(async () => {
  harness = await startSourceHarness();
  keys = await seedKms({ endpoint: harness.endpoint });
  clean = await harness.collect('clean', ['kms']);
});

after(async () => {
  await harness?.stop();
});

describe('kms sources (moto)', () => {
  it('collects keys (key policy, tags) and aliases: exactly the golden files', async () => {
    assert.equal(clean.result.exitCode, 0, JSON.stringify(clean.result.summary, null, 2));
    await assertGolden('kms', 'collected', named(clean.files));
    assert.deepEqual(jobOf(clean.result, 'kms', 'us-east-1', 'keys'), { status: 'collected', counts: { key: 2 } });
    assert.deepEqual(jobOf(clean.result, 'kms', 'us-east-1', 'aliases'), {
      status: 'collected',
      // Not the AWS managed aliases (alias/aws/s3...) moto, like AWS, has in every region.
      counts: { alias: 1 },
    });
  });

  it('AccessDenied on a key policy keeps the stored policy and records the gap', async () => {
    const orders = keys['us-east-1']?.orders ?? '';
    harness.deny(
      (request) =>
        request.operation === 'kms:GetKeyPolicy' && JSON.parse(request.body.toString('utf8')).KeyId === orders,
    );
    try {
      const denied = await harness.collect('clean', ['kms']);
      assert.equal(denied.result.exitCode, 0);
      assert.deepEqual(denied.files, clean.files);
      assert.deepEqual(jobOf(denied.result, 'kms', 'us-east-1', 'keys'), {
        status: 'collected',
        counts: { key: 2 },
        issues: [
          { kind: 'denied', arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${orders}`, field: 'policy', message: DENIED },
        ],
      });
    } finally {
      harness.deny(undefined);
    }
  });

  it('deletes a key and an alias removed since the last run, and tags removed from a key', async () => {
    const west = new kms.KMSClient(seedClientConfig({ endpoint: harness.endpoint }, 'us-west-2'));
    const east = new kms.KMSClient(seedClientConfig({ endpoint: harness.endpoint }, 'us-east-1'));
    await west.send(new kms.DeleteAliasCommand({ AliasName: 'alias/orders' }));
    await east.send(new kms.UntagResourceCommand({ KeyId: keys['us-east-1']?.orders, TagKeys: ['app'] }));
    west.destroy();
    east.destroy();
    const again = await harness.collect('clean', ['kms']);
    assert.equal(again.result.exitCode, 0);
    const gone = (path: string) =>
      path.startsWith('kms/us-west-2/alias/') || path === `kms/us-east-1/key/${keys['us-east-1']?.orders}/tags.json`;
    assert.equal(Object.keys(clean.files).filter(gone).length, 2);
    assert.deepEqual(again.files, Object.fromEntries(Object.entries(clean.files).filter(([path]) => !gone(path))));
  });
});
