/**
 * glacier/glacierVaults against moto, with the HTTP emulation of vault access policies and tags
 * (moto 5.2 answers 404): vaults with policy and tags, deletion of a vault and a policy on the next
 * run, AccessDenied on one vault's policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AddTagsToVaultCommand,
  CreateVaultCommand,
  DeleteVaultAccessPolicyCommand,
  DeleteVaultCommand,
  GlacierClient,
  SetVaultAccessPolicyCommand,
} from '@aws-sdk/client-glacier';
import { glacierVaultEmulator } from '../moto/emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const VAULTS = `aws/aws/accounts/${ACCOUNT}/glacier/us-east-1/vaults`;
const vaultPolicy = (vault: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowRetrieval',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: ['glacier:InitiateJob', 'glacier:GetJobOutput'],
        Resource: `arn:aws:glacier:us-east-1:${ACCOUNT}:vaults/${vault}`,
      },
    ],
  });

let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [glacierVaultEmulator()] });
  const client = new GlacierClient(h.clientConfig);
  for (const vaultName of ['archive', 'cold', 'scratch']) {
    await client.send(new CreateVaultCommand({ accountId: '-', vaultName }));
  }
  for (const vaultName of ['archive', 'cold']) {
    await client.send(
      new SetVaultAccessPolicyCommand({ accountId: '-', vaultName, policy: { Policy: vaultPolicy(vaultName) } }),
    );
  }
  await client.send(
    new AddTagsToVaultCommand({ accountId: '-', vaultName: 'archive', Tags: { retention: '10y', team: 'records' } }),
  );
  client.destroy();
});

after(async () => {
  await h?.stop();
});

describe('glacier/glacierVaults (moto + HTTP emulation of vault policies and tags)', () => {
  test('collects every vault: metadata, access policy, tags', async () => {
    first = await h.collect('run', ['glacier']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('glacier', 'glacierVaults'), { status: 'collected', counts: { glacierVault: 3 } });
    await assertGoldenTree(first.tree, goldenFolder('glacier'));
  });

  test('AccessDenied on one vault policy: the vault is kept, its stored policy untouched, the gap recorded', async () => {
    const allow = h.deny((r) => r.method === 'GET' && r.path === '/-/vaults/archive/access-policy');
    let again: Collected;
    let fresh: Collected;
    try {
      again = await h.collect('run', ['glacier']);
      fresh = await h.collect('denied-fresh', ['glacier']);
    } finally {
      allow();
    }
    for (const run of [again, fresh]) {
      assert.equal(run.result.exitCode, 0);
      assert.deepEqual(run.job('glacier', 'glacierVaults').issues, [
        {
          kind: 'denied',
          arn: `arn:aws:glacier:us-east-1:${ACCOUNT}:vaults/archive`,
          field: 'policy',
          message:
            'AccessDeniedException: User is not authorized to perform glacier:GET /-/vaults/archive/access-policy',
        },
      ]);
    }
    assert.deepEqual(again.tree, first.tree);
    const withoutPolicy = new Map(first.tree);
    withoutPolicy.delete(`${VAULTS}/archive/policy.json`);
    assert.deepEqual(fresh.tree, withoutPolicy);
  });

  test('a deleted vault and a removed policy are deleted from storage on the next run', async () => {
    const client = new GlacierClient(h.clientConfig);
    await client.send(new DeleteVaultCommand({ accountId: '-', vaultName: 'scratch' }));
    await client.send(new DeleteVaultAccessPolicyCommand({ accountId: '-', vaultName: 'cold' }));
    client.destroy();
    const next = await h.collect('run', ['glacier']);
    assert.deepEqual(next.job('glacier', 'glacierVaults').counts, { glacierVault: 2 });
    const expected = without(first.tree, 'glacier/us-east-1/vaults/scratch');
    expected.delete(`${VAULTS}/cold/policy.json`);
    assert.deepEqual(next.tree, expected);
  });
});
