/**
 * sso/instances against moto, with the HTTP emulation of the Identity Center tag and
 * permissions-boundary calls (moto 5.2 answers 500): the instance, permission sets with AWS managed,
 * customer managed and inline policies, boundary, provisioned accounts, account assignments (named
 * from moto's Identity Store) and tags; deletion of a permission set and an assignment on the next
 * run; AccessDenied on one permission set's boundary.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateGroupCommand, CreateUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  DeletePermissionSetCommand,
  ListInstancesCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  SSOAdminClient,
  TagResourceCommand,
} from '@aws-sdk/client-sso-admin';
import { ssoAdminEmulator } from '../moto/emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  replaceInTree,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const OTHER_ACCOUNT = '111122223333';

let h: ResourceHarness;
let first: Collected;
let instanceArn: string;
const sets: Record<string, string> = {};
const principals: Record<string, string> = {};
/** moto makes Identity Store ids with Python's own uuid4, which its random seed does not cover. */
const stable = () => Object.fromEntries(Object.entries(principals).map(([name, id]) => [id, `id-of-${name}`]));
/** `sso/<type>/<encoded rest>`: the folder of an Identity Center ARN, as the layout makes it. */
const folderOf = (arn: string) => {
  const resource = arn.slice(arn.indexOf(':::') + 3);
  const slash = resource.indexOf('/');
  const path = `${resource.slice(0, slash)}/${encodeURIComponent(resource.slice(slash + 1))}`;
  return `aws/aws/accounts/${ACCOUNT}/sso/${path.toLowerCase()}`;
};

before(async () => {
  h = await startResourceHarness({ emulators: [ssoAdminEmulator()] });
  const sso = new SSOAdminClient(h.clientConfig);
  const instance = (await sso.send(new ListInstancesCommand({}))).Instances?.[0];
  instanceArn = instance?.InstanceArn ?? '';
  const identityStoreId = instance?.IdentityStoreId ?? '';
  await sso.send(
    new TagResourceCommand({
      InstanceArn: instanceArn,
      ResourceArn: instanceArn,
      Tags: [{ Key: 'env', Value: 'prod' }],
    }),
  );

  const store = new IdentitystoreClient(h.clientConfig);
  principals.group =
    (await store.send(new CreateGroupCommand({ IdentityStoreId: identityStoreId, DisplayName: 'Data Engineers' })))
      .GroupId ?? '';
  principals.user =
    (
      await store.send(
        new CreateUserCommand({
          IdentityStoreId: identityStoreId,
          UserName: 'alice',
          DisplayName: 'Alice Auditor',
          Name: { GivenName: 'Alice', FamilyName: 'Auditor' },
        }),
      )
    ).UserId ?? '';
  store.destroy();

  const create = async (Name: string, Description: string, tags?: Record<string, string>) => {
    const out = await sso.send(
      new CreatePermissionSetCommand({
        InstanceArn: instanceArn,
        Name,
        Description,
        Tags: tags ? Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) : undefined,
      }),
    );
    sets[Name] = out.PermissionSet?.PermissionSetArn ?? '';
    return { InstanceArn: instanceArn, PermissionSetArn: sets[Name] };
  };
  const engineer = await create('DataEngineer', 'data engineering access', { team: 'data' });
  await sso.send(
    new AttachManagedPolicyToPermissionSetCommand({
      ...engineer,
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    }),
  );
  await sso.send(
    new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
      ...engineer,
      CustomerManagedPolicyReference: { Name: 'ReadAppData', Path: '/app/' },
    }),
  );
  await sso.send(
    new PutInlinePolicyToPermissionSetCommand({
      ...engineer,
      InlinePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['athena:*', 'glue:Get*'], Resource: '*' }],
      }),
    }),
  );
  await sso.send(
    new PutPermissionsBoundaryToPermissionSetCommand({
      ...engineer,
      PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
    }),
  );
  const auditor = await create('Auditor', 'read-only security audit');
  await sso.send(
    new AttachManagedPolicyToPermissionSetCommand({
      ...auditor,
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit',
    }),
  );
  await sso.send(
    new PutPermissionsBoundaryToPermissionSetCommand({
      ...auditor,
      PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'AuditBoundary', Path: '/' } },
    }),
  );

  const assign = (set: { InstanceArn: string; PermissionSetArn: string }, account: string, type: 'GROUP' | 'USER') =>
    sso.send(
      new CreateAccountAssignmentCommand({
        ...set,
        TargetId: account,
        TargetType: 'AWS_ACCOUNT',
        PrincipalType: type,
        PrincipalId: type === 'GROUP' ? principals.group : principals.user,
      }),
    );
  await assign(engineer, ACCOUNT, 'GROUP');
  await assign(engineer, OTHER_ACCOUNT, 'GROUP');
  await assign(auditor, ACCOUNT, 'USER');
  // AWS provisions a set to an account when it is assigned there; moto waits for ProvisionPermissionSet.
  for (const [set, account] of [
    [engineer, ACCOUNT],
    [engineer, OTHER_ACCOUNT],
    [auditor, ACCOUNT],
  ] as const) {
    await sso.send(new ProvisionPermissionSetCommand({ ...set, TargetType: 'AWS_ACCOUNT', TargetId: account }));
  }
  sso.destroy();
});

after(async () => {
  await h?.stop();
});

describe('sso/instances (moto + HTTP emulation of Identity Center tags and permissions boundaries)', () => {
  test('collects the instance and its permission sets: policies, boundary, accounts, named assignments, tags', async () => {
    first = await h.collect('run', ['sso']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary.accounts));
    // moto's permission-set ARNs are `instance/<id>/<ps-id>` (AWS: `permissionSet/<id>/<ps-id>`), so
    // they are counted, and stored, under `instance`.
    assert.deepEqual(first.job('sso', 'instances'), { status: 'collected', counts: { instance: 3, permissionSet: 0 } });
    await assertGoldenTree(replaceInTree(first.tree, stable()), goldenFolder('sso'));
  });

  test("AccessDenied on one permission set's boundary: the set is kept, its stored boundary untouched, the gap recorded", async () => {
    const arn = sets.DataEngineer ?? '';
    const allow = h.deny(
      (r) => r.operation === 'sso:GetPermissionsBoundaryForPermissionSet' && r.body.toString().includes(arn),
    );
    let again: Collected;
    let fresh: Collected;
    try {
      again = await h.collect('run', ['sso']);
      fresh = await h.collect('denied-fresh', ['sso']);
    } finally {
      allow();
    }
    for (const run of [again, fresh]) {
      assert.equal(run.result.exitCode, 0);
      assert.deepEqual(run.job('sso', 'instances').issues, [
        {
          kind: 'denied',
          arn,
          field: 'permissionboundary',
          message:
            'AccessDeniedException: User is not authorized to perform sso:GetPermissionsBoundaryForPermissionSet',
        },
      ]);
    }
    assert.deepEqual(again.tree, first.tree);
    const withoutBoundary = new Map(first.tree);
    withoutBoundary.delete(`${folderOf(arn)}/permissionboundary.json`);
    assert.deepEqual(fresh.tree, withoutBoundary);
  });

  test('a deleted permission set and a removed assignment are gone from storage on the next run', async () => {
    const sso = new SSOAdminClient(h.clientConfig);
    await sso.send(new DeletePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: sets.Auditor }));
    await sso.send(
      new DeleteAccountAssignmentCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: sets.DataEngineer,
        TargetId: OTHER_ACCOUNT,
        TargetType: 'AWS_ACCOUNT',
        PrincipalType: 'GROUP',
        PrincipalId: principals.group,
      }),
    );
    sso.destroy();
    const next = await h.collect('run', ['sso']);
    assert.deepEqual(next.job('sso', 'instances').counts, { instance: 2, permissionSet: 0 });
    const expected = without(first.tree, folderOf(sets.Auditor ?? '').slice(`aws/aws/accounts/${ACCOUNT}/`.length));
    const assignments = `${folderOf(sets.DataEngineer ?? '')}/assignments.json`;
    const kept = (JSON.parse(first.tree.get(assignments) ?? '[]') as Array<{ accountId: string }>).filter(
      (a) => a.accountId !== OTHER_ACCOUNT,
    );
    expected.set(assignments, JSON.stringify(kept, null, 2));
    assert.deepEqual(next.tree, expected);
  });
});
