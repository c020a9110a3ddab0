/**
 * eks/accessEntries against moto, with the HTTP emulation of access entries and of the cluster's
 * authentication mode (moto 5.2 has neither): clusters, access entries with their associated access
 * policies and tags, deletion of an entry and a cluster on the next run, AccessDenied on one entry's
 * access policies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  CreateClusterCommand,
  DeleteAccessEntryCommand,
  DeleteClusterCommand,
  EKSClient,
} from '@aws-sdk/client-eks';
import { eksAccessEntryEmulator } from '../moto/emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/platform/eks-admin`;
const DEV_USER = `arn:aws:iam::${ACCOUNT}:user/dev`;
const EKS = 'aws/aws/accounts/123456789012/eks/us-east-1';

let h: ResourceHarness;
let first: Collected;
let adminEntry: string;
let devEntry: string;

before(async () => {
  h = await startResourceHarness({ emulators: [eksAccessEntryEmulator()] });
  const client = new EKSClient(h.clientConfig);
  const cluster = (name: string, authenticationMode?: 'API' | 'CONFIG_MAP', tags?: Record<string, string>) =>
    client.send(
      new CreateClusterCommand({
        name,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/eks-cluster`,
        resourcesVpcConfig: { subnetIds: [] },
        ...(authenticationMode ? { accessConfig: { authenticationMode } } : {}),
        tags,
      }),
    );
  await cluster('platform', 'API', { team: 'platform' });
  await cluster('legacy');
  const admin = await client.send(
    new CreateAccessEntryCommand({ clusterName: 'platform', principalArn: ADMIN_ROLE, tags: { owner: 'sre' } }),
  );
  adminEntry = admin.accessEntry?.accessEntryArn ?? '';
  await client.send(
    new AssociateAccessPolicyCommand({
      clusterName: 'platform',
      principalArn: ADMIN_ROLE,
      policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      accessScope: { type: 'cluster' },
    }),
  );
  const dev = await client.send(
    new CreateAccessEntryCommand({
      clusterName: 'platform',
      principalArn: DEV_USER,
      kubernetesGroups: ['viewers'],
      username: 'dev',
    }),
  );
  devEntry = dev.accessEntry?.accessEntryArn ?? '';
  for (const policy of ['AmazonEKSViewPolicy', 'AmazonEKSEditPolicy']) {
    await client.send(
      new AssociateAccessPolicyCommand({
        clusterName: 'platform',
        principalArn: DEV_USER,
        policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`,
        accessScope: { type: 'namespace', namespaces: ['dev', 'staging'] },
      }),
    );
  }
  client.destroy();
});

after(async () => {
  await h?.stop();
});

const entryFolder = (arn: string) =>
  `${EKS}/access-entry/${encodeURIComponent(arn.slice(arn.indexOf('/') + 1)).toLowerCase()}`;

describe('eks/accessEntries (moto + HTTP emulation of access entries and authentication modes)', () => {
  test('collects clusters and their access entries with associated access policies and tags', async () => {
    first = await h.collect('run', ['eks']);
    assert.equal(first.result.exitCode, 0);
    assert.deepEqual(first.job('eks', 'accessEntries'), {
      status: 'collected',
      counts: { accessEntry: 2, cluster: 2 },
    });
    await assertGoldenTree(first.tree, goldenFolder('eks'));
    assert.ok(first.tree.has(`${entryFolder(devEntry)}/accesspolicies.json`));
  });

  test("AccessDenied on one entry's access policies: the entry is kept, its stored policies untouched, the gap recorded", async () => {
    const allow = h.deny(
      (r) => r.method === 'GET' && r.path.endsWith(`/${encodeURIComponent(DEV_USER)}/access-policies`),
    );
    let again: Collected;
    let fresh: Collected;
    try {
      again = await h.collect('run', ['eks']);
      fresh = await h.collect('denied-fresh', ['eks']);
    } finally {
      allow();
    }
    for (const run of [again, fresh]) {
      assert.equal(run.result.exitCode, 0);
      assert.deepEqual(run.job('eks', 'accessEntries').issues, [
        {
          kind: 'denied',
          arn: devEntry,
          field: 'accesspolicies',
          message: `AccessDeniedException: User is not authorized to perform eks:GET /clusters/platform/access-entries/${encodeURIComponent(DEV_USER)}/access-policies`,
        },
      ]);
    }
    assert.deepEqual(again.tree, first.tree);
    const withoutPolicies = new Map(first.tree);
    withoutPolicies.delete(`${entryFolder(devEntry)}/accesspolicies.json`);
    assert.deepEqual(fresh.tree, withoutPolicies);
  });

  test('a deleted access entry and a deleted cluster are deleted from storage on the next run', async () => {
    const client = new EKSClient(h.clientConfig);
    await client.send(new DeleteAccessEntryCommand({ clusterName: 'platform', principalArn: DEV_USER }));
    await client.send(new DeleteClusterCommand({ name: 'legacy' }));
    client.destroy();
    const next = await h.collect('run', ['eks']);
    assert.deepEqual(next.job('eks', 'accessEntries').counts, { accessEntry: 1, cluster: 1 });
    const gone = [entryFolder(devEntry), `${EKS}/cluster/legacy`].map((f) => f.slice(f.indexOf('/eks/') + 1));
    assert.deepEqual(next.tree, without(first.tree, ...gone));
    assert.ok(next.tree.has(`${entryFolder(adminEntry)}/metadata.json`));
  });
});
