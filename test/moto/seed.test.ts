/**
 * The seeded organization, read back through the real SDK, is exactly the scenario the collector
 * tests rely on (test/moto/fixtures/seed-snapshot.json, ids replaced by names); and moto's ids
 * repeat when the same seed runs again after a reset.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import {
  GetAccountAuthorizationDetailsCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
} from '@aws-sdk/client-iam';
import * as org from '@aws-sdk/client-organizations';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { defaultEmulators } from './emulators.js';
import { dummyAwsEnv, localhostHttpHandler, type Moto, startMoto } from './harness.js';
import { type FaultProxy, startProxy } from './proxy.js';
import { s3ControlEndpoint, type SeededOrganization, seedOrganization } from './seed.js';

Object.assign(process.env, dummyAwsEnv());

let moto: Moto;
let proxy: FaultProxy;
let seeded: SeededOrganization;

before(async () => {
  moto = await startMoto();
  proxy = await startProxy({ upstream: moto.endpoint, emulators: defaultEmulators() });
  await moto.seedRandom(42);
  seeded = await seedOrganization(proxy.endpoint, { memberAccounts: 3 });
});

after(async () => {
  await proxy?.stop();
  await moto?.stop();
});

describe('seedOrganization', () => {
  it('builds the organization and every kind of IAM policy in each account', async () => {
    const expected = JSON.parse(readFileSync(new URL('./fixtures/seed-snapshot.json', import.meta.url), 'utf8'));
    assert.deepEqual(await snapshot(proxy.endpoint, seeded), expected);
  });

  it('makes the same ids again after a reset with the same random seed', async () => {
    await moto.reset();
    await moto.seedRandom(42);
    const again = await seedOrganization(proxy.endpoint, { memberAccounts: 3 });
    assert.deepEqual(again, seeded);
  });
});

/** What the seed made, read back with the SDK; account, OU and policy ids replaced by names. */
async function snapshot(endpoint: string, seededOrg: SeededOrganization): Promise<unknown> {
  const names = new Map<string, string>();
  for (const account of seededOrg.accounts) names.set(account.id, account.name);
  for (const [name, id] of Object.entries(seededOrg.ous)) names.set(id, `ou:${name}`);
  for (const [name, id] of Object.entries({ ...seededOrg.scps, ...seededOrg.rcps })) names.set(id, `policy:${name}`);
  names.set(seededOrg.rootId, 'root');
  names.set(seededOrg.organizationId, 'o-org');
  const rename = (text: string) => [...names].reduce((out, [id, name]) => out.split(id).join(name), text);
  const nameOf = (id: string | undefined) => (id ? (names.get(id) ?? id) : id);
  const byArn = (a: { arn?: string }, b: { arn?: string }) => String(a.arn).localeCompare(String(b.arn));

  const config = { endpoint, region: 'us-east-1' };
  const orgs = new org.OrganizationsClient(config);
  const tags = async (id: string) =>
    Object.fromEntries(
      ((await orgs.send(new org.ListTagsForResourceCommand({ ResourceId: id }))).Tags ?? []).map((t) => [
        t.Key,
        t.Value,
      ]),
    );
  const parents = async (id: string) =>
    (await orgs.send(new org.ListParentsCommand({ ChildId: id }))).Parents?.map((p) => nameOf(p.Id)) ?? [];

  const accounts = [];
  for (const account of seededOrg.accounts) {
    accounts.push({ name: account.name, parents: await parents(account.id), tags: await tags(account.id) });
  }
  const ous = [];
  for (const [name, id] of Object.entries(seededOrg.ous))
    ous.push({ name, parents: await parents(id), tags: await tags(id) });
  const policies = [];
  for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const) {
    for (const policy of (await orgs.send(new org.ListPoliciesCommand({ Filter: type }))).Policies ?? []) {
      const described = await orgs.send(new org.DescribePolicyCommand({ PolicyId: policy.Id }));
      const targets = await orgs.send(new org.ListTargetsForPolicyCommand({ PolicyId: policy.Id }));
      policies.push({
        type,
        name: policy.Name,
        awsManaged: policy.AwsManaged,
        content: JSON.parse(described.Policy?.Content ?? 'null'),
        targets: (targets.Targets ?? []).map((t) => nameOf(t.TargetId)).sort(),
        tags: await tags(policy.Id!),
      });
    }
  }
  const admins = [];
  for (const admin of (await orgs.send(new org.ListDelegatedAdministratorsCommand({}))).DelegatedAdministrators ?? []) {
    const services = await orgs.send(new org.ListDelegatedServicesForAccountCommand({ AccountId: admin.Id }));
    admins.push({
      account: nameOf(admin.Id),
      services: services.DelegatedServices?.map((s) => s.ServicePrincipal).sort(),
    });
  }
  const resourcePolicy = await orgs.send(new org.DescribeResourcePolicyCommand({}));
  orgs.destroy();

  const iamByAccount: Record<string, unknown> = {};
  const sts = new STSClient(config);
  for (const account of [seededOrg.accounts[0]!, seededOrg.accounts[1]!]) {
    let credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
    if (!account.management) {
      const assumed = await sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${account.id}:role/${seededOrg.memberRoleName}`,
          RoleSessionName: 'snapshot',
        }),
      );
      credentials = {
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken!,
      };
    }
    const iam = new IAMClient({ ...config, ...(credentials ? { credentials } : {}) });
    const details = await iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'] }),
    );
    const decode = (document: string | undefined) => JSON.parse(decodeURIComponent(document ?? 'null'));
    iamByAccount[account.name] = {
      roles: (details.RoleDetailList ?? [])
        .map((role) => ({
          arn: role.Arn,
          trust: decode(role.AssumeRolePolicyDocument),
          inline: role.RolePolicyList?.map((p) => ({ name: p.PolicyName, document: decode(p.PolicyDocument) })),
          attached: role.AttachedManagedPolicies?.map((p) => p.PolicyArn),
          boundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
          instanceProfiles: role.InstanceProfileList?.map((p) => p.Arn),
          tags: role.Tags,
        }))
        .sort(byArn),
      users: (details.UserDetailList ?? [])
        .map((user) => ({
          arn: user.Arn,
          inline: user.UserPolicyList?.map((p) => ({ name: p.PolicyName, document: decode(p.PolicyDocument) })),
          attached: user.AttachedManagedPolicies?.map((p) => p.PolicyArn),
          groups: user.GroupList,
          tags: user.Tags,
        }))
        .sort(byArn),
      groups: (details.GroupDetailList ?? [])
        .map((group) => ({
          arn: group.Arn,
          inline: group.GroupPolicyList?.map((p) => ({ name: p.PolicyName, document: decode(p.PolicyDocument) })),
          attached: group.AttachedManagedPolicies?.map((p) => p.PolicyArn),
        }))
        .sort(byArn),
      policies: (details.Policies ?? [])
        .map((policy) => ({
          arn: policy.Arn,
          defaultVersion: policy.DefaultVersionId,
          documents: policy.PolicyVersionList?.map((v) => ({ version: v.VersionId, document: decode(v.Document) })),
        }))
        .sort(byArn),
      oidc: (await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList?.map((p) => p.Arn),
      saml: (await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList?.map((p) => p.Arn),
    };
    iam.destroy();
    const s3control = new S3ControlClient({
      ...config,
      ...(credentials ? { credentials } : {}),
      endpoint: s3ControlEndpoint(endpoint),
      requestHandler: localhostHttpHandler(),
    });
    const bpa = await s3control.send(new GetPublicAccessBlockCommand({ AccountId: account.id }));
    (iamByAccount[account.name] as Record<string, unknown>).s3AccountBpa = bpa.PublicAccessBlockConfiguration;
    s3control.destroy();
  }
  sts.destroy();

  return JSON.parse(
    rename(
      JSON.stringify({
        accounts,
        ous,
        policies,
        delegatedAdministrators: admins,
        resourcePolicy: JSON.parse(resourcePolicy.ResourcePolicy?.Content ?? 'null'),
        accountsIam: iamByAccount,
      }),
    ),
  );
}
