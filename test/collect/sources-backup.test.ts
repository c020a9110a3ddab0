/**
 * backup/vaults against moto, with the HTTP emulation of the vault access-policy calls and of
 * ListTags (moto 5.2 answers 404 and misreads the tag path): vaults with policy and tags, deletion
 * of a vault and of a policy on the next run, AccessDenied on one vault's policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BackupClient,
  CreateBackupVaultCommand,
  DeleteBackupVaultAccessPolicyCommand,
  DeleteBackupVaultCommand,
  PutBackupVaultAccessPolicyCommand,
} from '@aws-sdk/client-backup';
import { backupVaultEmulator } from '../moto/emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const vaultPolicy = (vault: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowOrgCopies',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'backup:CopyIntoBackupVault',
        Resource: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:${vault}`,
      },
    ],
  });

const folder = (vault: string) => `aws/aws/accounts/${ACCOUNT}/backup/us-east-1/backup-vault/${vault}`;

let h: ResourceHarness;
let first: Collected;

before(async () => {
  h = await startResourceHarness({ emulators: [backupVaultEmulator()] });
  const client = new BackupClient(h.clientConfig);
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'vault1', BackupVaultTags: { team: 'dr' } }));
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'plain' }));
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'shared' }));
  for (const name of ['vault1', 'shared']) {
    await client.send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: name, Policy: vaultPolicy(name) }));
  }
  client.destroy();
});

after(async () => {
  await h?.stop();
});

describe('backup/vaults (moto + HTTP emulation of vault policies and ListTags)', () => {
  test('collects every vault: metadata, access policy, tags', async () => {
    first = await h.collect('run', ['backup']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('backup', 'vaults'), { status: 'collected', counts: { backupVault: 3 } });
    await assertGoldenTree(first.tree, goldenFolder('backup'));
  });

  test('AccessDenied on one vault policy: the vault is kept, its stored policy untouched, the gap recorded', async () => {
    const allow = h.deny((r) => r.method === 'GET' && r.path === '/backup-vaults/vault1/access-policy');
    let again: Collected;
    let fresh: Collected;
    try {
      again = await h.collect('run', ['backup']);
      fresh = await h.collect('denied-fresh', ['backup']);
    } finally {
      allow();
    }
    const issue = {
      kind: 'denied',
      arn: `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:vault1`,
      field: 'policy',
      message:
        'AccessDeniedException: User is not authorized to perform backup:GET /backup-vaults/vault1/access-policy',
    };
    for (const run of [again, fresh]) {
      assert.equal(run.result.exitCode, 0);
      assert.deepEqual(run.job('backup', 'vaults'), {
        status: 'collected',
        counts: { backupVault: 3 },
        issues: [issue],
      });
    }
    assert.deepEqual(again.tree, first.tree);
    const withoutPolicy = new Map(first.tree);
    withoutPolicy.delete(`${folder('vault1')}/policy.json`);
    assert.deepEqual(fresh.tree, withoutPolicy);
  });

  test('a deleted vault and a removed policy are deleted from storage on the next run', async () => {
    const client = new BackupClient(h.clientConfig);
    await client.send(new DeleteBackupVaultCommand({ BackupVaultName: 'plain' }));
    await client.send(new DeleteBackupVaultAccessPolicyCommand({ BackupVaultName: 'shared' }));
    client.destroy();
    const next = await h.collect('run', ['backup']);
    assert.deepEqual(next.job('backup', 'vaults').counts, { backupVault: 2 });
    const expected = without(first.tree, 'backup/us-east-1/backup-vault/plain');
    expected.delete(`${folder('shared')}/policy.json`);
    assert.deepEqual(next.tree, expected);
  });
});
