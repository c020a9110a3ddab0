/**
 * Seeds moto, through the real SDK, with an AWS organization shaped like a small real one:
 *
 * - the management account (moto's 123456789012) creates an organization with SCPs and RCPs
 *   enabled, OUs (`Security`, `Workloads` > `Prod` and `Dev`, `Sandbox`), and member accounts
 *   through CreateAccount, spread over those OUs (moto gives each one `OrganizationAccountAccessRole`,
 *   which the seed and the collector assume);
 * - SCPs and RCPs attached to the root, an OU and an account; tags on OUs, accounts and policies;
 *   delegated administrators; an organization resource policy (needs the proxy's emulator);
 * - in every account: IAM users, groups and roles with trust policies, inline policies, customer
 *   and AWS managed policies (one with two versions), permission boundaries, group membership,
 *   tags, an instance profile, OIDC and SAML providers, and S3 account Block Public Access;
 * - optionally many more roles, users and policies per account, for the benchmark.
 *
 * Names are fixed. With `moto.seedRandom()` called first on a fresh moto, and the default
 * sequential order, the ids moto makes (accounts, OUs, policies, principals) repeat run after run;
 * creation dates do not.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import * as iam from '@aws-sdk/client-iam';
import * as org from '@aws-sdk/client-organizations';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateResourceShareCommand, RAMClient } from '@aws-sdk/client-ram';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { localhostHttpHandler, MANAGEMENT_ACCOUNT } from './harness.js';

export interface SeedSpec {
  /** Member accounts to create (the management account comes on top). Default 3. */
  memberAccounts?: number;
  /** Regions the organization uses; returned for the collector's config. Default us-east-1, us-west-2. */
  regions?: string[];
  /** Extra roles, users and customer policies per account (benchmark load). Default 0. */
  bulkRoles?: number;
  bulkUsers?: number;
  bulkPolicies?: number;
  /** Attach AWS managed policies (moto must load them: startMoto's default). Default true. */
  awsManagedPolicies?: boolean;
  /** Put the organization resource policy (the endpoint must be the proxy). Default true. */
  organizationResourcePolicy?: boolean;
  /** Accounts seeded at once; 1 (the default) keeps moto's ids reproducible. */
  concurrency?: number;
}

export interface SeededAccount {
  id: string;
  name: string;
  /** Name of the OU it sits in ('Root' for the management account). */
  ou: string;
  management: boolean;
}

export interface SeededOrganization {
  organizationId: string;
  rootId: string;
  managementAccount: string;
  /** Management account first, then members in creation order. */
  accounts: SeededAccount[];
  /** OU name -> id. */
  ous: Record<string, string>;
  /** Policy name -> id. */
  scps: Record<string, string>;
  rcps: Record<string, string>;
  regions: string[];
  /** The role the seed (and a collector) assumes in member accounts. */
  memberRoleName: string;
}

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const MANAGEMENT_CREDENTIALS: Credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const MEMBER_ROLE = 'OrganizationAccountAccessRole';
const OU_CYCLE = ['Security', 'Prod', 'Dev', 'Sandbox'];

export async function seedOrganization(endpoint: string, spec: SeedSpec = {}): Promise<SeededOrganization> {
  const memberCount = spec.memberAccounts ?? 3;
  const regions = spec.regions ?? ['us-east-1', 'us-west-2'];
  const clientConfig = (credentials: Credentials) => ({
    endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 5,
  });
  const orgs = new OrganizationsClient(clientConfig(MANAGEMENT_CREDENTIALS));

  const organization = await orgs.send(new org.CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const organizationId = organization.Organization?.Id ?? fail('CreateOrganization returned no id');
  const roots = await orgs.send(new org.ListRootsCommand({}));
  const rootId = roots.Roots?.[0]?.Id ?? fail('ListRoots returned no root');
  await orgs.send(new org.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  await orgs.send(new org.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'RESOURCE_CONTROL_POLICY' }));

  const ous: Record<string, string> = {};
  const createOu = async (name: string, parentId: string, tags: Record<string, string>) => {
    const created = await orgs.send(
      new org.CreateOrganizationalUnitCommand({ ParentId: parentId, Name: name, Tags: toTags(tags) }),
    );
    ous[name] = created.OrganizationalUnit?.Id ?? fail(`CreateOrganizationalUnit ${name}`);
  };
  await createOu('Security', rootId, { team: 'security' });
  await createOu('Workloads', rootId, { team: 'platform' });
  await createOu('Prod', ous.Workloads!, { env: 'prod' });
  await createOu('Dev', ous.Workloads!, { env: 'dev' });
  await createOu('Sandbox', rootId, {});

  const accounts: SeededAccount[] = [{ id: MANAGEMENT_ACCOUNT, name: 'management', ou: 'Root', management: true }];
  for (let index = 1; index <= memberCount; index++) {
    const name = `member-${String(index).padStart(2, '0')}`;
    const ou = OU_CYCLE[(index - 1) % OU_CYCLE.length]!;
    const created = await orgs.send(
      new org.CreateAccountCommand({
        AccountName: name,
        Email: `${name}@example.com`,
        Tags: toTags({ env: ou.toLowerCase() }),
      }),
    );
    const id = created.CreateAccountStatus?.AccountId ?? fail(`CreateAccount ${name}`);
    await orgs.send(
      new org.MoveAccountCommand({ AccountId: id, SourceParentId: rootId, DestinationParentId: ous[ou]! }),
    );
    accounts.push({ id, name, ou, management: false });
  }
  const members = accounts.filter((account) => !account.management);

  const scps: Record<string, string> = {};
  const rcps: Record<string, string> = {};
  const createPolicy = async (
    type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY',
    name: string,
    document: object,
    targets: string[],
    tags: Record<string, string>,
  ) => {
    const created = await orgs.send(
      new org.CreatePolicyCommand({
        Name: name,
        Description: `${name} (seeded)`,
        Type: type,
        Content: JSON.stringify(document),
        Tags: toTags(tags),
      }),
    );
    const id = created.Policy?.PolicySummary?.Id ?? fail(`CreatePolicy ${name}`);
    (type === 'SERVICE_CONTROL_POLICY' ? scps : rcps)[name] = id;
    for (const target of targets) await orgs.send(new org.AttachPolicyCommand({ PolicyId: id, TargetId: target }));
  };
  await createPolicy('SERVICE_CONTROL_POLICY', 'DenyLeaveOrganization', DENY_LEAVE_ORG, [rootId], {
    owner: 'security',
  });
  await createPolicy('SERVICE_CONTROL_POLICY', 'RegionLock', REGION_LOCK(regions), [ous.Workloads!], {});
  await createPolicy('SERVICE_CONTROL_POLICY', 'DenyIamUsers', DENY_IAM_USERS, [members[0]!.id], { owner: 'iam' });
  await createPolicy('RESOURCE_CONTROL_POLICY', 'EnforceTls', ENFORCE_TLS, [ous.Prod!], { owner: 'security' });

  for (const principal of ['access-analyzer.amazonaws.com', 'guardduty.amazonaws.com']) {
    await orgs.send(
      new org.RegisterDelegatedAdministratorCommand({ AccountId: members[0]!.id, ServicePrincipal: principal }),
    );
  }
  if (spec.organizationResourcePolicy !== false) {
    await orgs.send(new org.PutResourcePolicyCommand({ Content: JSON.stringify(ORG_RESOURCE_POLICY(organizationId)) }));
  }
  orgs.destroy();

  const sts = new STSClient(clientConfig(MANAGEMENT_CREDENTIALS));
  const seedAccount = async (account: SeededAccount) => {
    let credentials = MANAGEMENT_CREDENTIALS;
    if (!account.management) {
      const assumed = await sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.id}:role/${MEMBER_ROLE}`, RoleSessionName: 'seed' }),
      );
      const c = assumed.Credentials ?? fail(`AssumeRole into ${account.id}`);
      credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    }
    const client = new IAMClient(clientConfig(credentials));
    await seedIam(client, account.id, spec);
    client.destroy();
    const s3control = new S3ControlClient({
      ...clientConfig(credentials),
      endpoint: s3ControlEndpoint(endpoint),
      requestHandler: localhostHttpHandler(),
    });
    await s3control.send(
      new PutPublicAccessBlockCommand({
        AccountId: account.id,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: account.management,
        },
      }),
    );
    s3control.destroy();
  };
  await forEachLimited(accounts, spec.concurrency ?? 1, seedAccount);
  sts.destroy();

  return {
    organizationId,
    rootId,
    managementAccount: MANAGEMENT_ACCOUNT,
    accounts,
    ous,
    scps,
    rcps,
    regions,
    memberRoleName: MEMBER_ROLE,
  };
}

/** The same endpoint under `s3control.localhost`: the SDK puts `<account>.` in front of it. */
export function s3ControlEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.protocol}//s3control.localhost:${url.port}`;
}

/** The fixed IAM scenario of every account, then the bulk principals. */
async function seedIam(client: IAMClient, accountId: string, spec: SeedSpec): Promise<void> {
  const arn = (kind: string, pathAndName: string) => `arn:aws:iam::${accountId}:${kind}/${pathAndName}`;
  const doc = (document: object) => JSON.stringify(document);

  await client.send(
    new iam.CreatePolicyCommand({ PolicyName: 'DeveloperBoundary', PolicyDocument: doc(DEVELOPER_BOUNDARY) }),
  );
  await client.send(
    new iam.CreatePolicyCommand({
      PolicyName: 'ReadAppData',
      Path: '/app/',
      Description: 'Read the application bucket',
      PolicyDocument: doc(READ_APP_DATA_V1),
      Tags: toIamTags({ app: 'orders' }),
    }),
  );
  // A second, default version: the collector must store this one, not v1.
  await client.send(
    new iam.CreatePolicyVersionCommand({
      PolicyArn: arn('policy', 'app/ReadAppData'),
      PolicyDocument: doc(READ_APP_DATA_V2),
      SetAsDefault: true,
    }),
  );

  await client.send(new iam.CreateGroupCommand({ GroupName: 'Developers', Path: '/teams/' }));
  await client.send(
    new iam.PutGroupPolicyCommand({
      GroupName: 'Developers',
      PolicyName: 'developers-inline',
      PolicyDocument: doc(LOGS_READ),
    }),
  );
  await client.send(
    new iam.AttachGroupPolicyCommand({ GroupName: 'Developers', PolicyArn: arn('policy', 'app/ReadAppData') }),
  );

  await client.send(
    new iam.CreateUserCommand({
      UserName: 'alice',
      Path: '/people/',
      PermissionsBoundary: arn('policy', 'DeveloperBoundary'),
      Tags: toIamTags({ team: 'orders', 'cost-center': '42' }),
    }),
  );
  await client.send(new iam.AddUserToGroupCommand({ GroupName: 'Developers', UserName: 'alice' }));
  await client.send(
    new iam.PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'alice-mfa', PolicyDocument: doc(MFA_SELF_SERVICE) }),
  );
  await client.send(new iam.CreateUserCommand({ UserName: 'bob' }));
  if (spec.awsManagedPolicies !== false) {
    await client.send(
      new iam.AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }),
    );
  }
  await client.send(new iam.AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: arn('policy', 'app/ReadAppData') }));

  await client.send(
    new iam.CreateRoleCommand({
      RoleName: 'app-role',
      Path: '/service-role/',
      AssumeRolePolicyDocument: doc(trustService('lambda.amazonaws.com')),
      PermissionsBoundary: arn('policy', 'DeveloperBoundary'),
      Tags: toIamTags({ app: 'orders' }),
    }),
  );
  await client.send(
    new iam.PutRolePolicyCommand({ RoleName: 'app-role', PolicyName: 'app-inline', PolicyDocument: doc(APP_INLINE) }),
  );
  await client.send(
    new iam.AttachRolePolicyCommand({ RoleName: 'app-role', PolicyArn: arn('policy', 'app/ReadAppData') }),
  );
  await client.send(
    new iam.CreateInstanceProfileCommand({ InstanceProfileName: 'app-profile', Tags: toIamTags({ app: 'orders' }) }),
  );
  await client.send(
    new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app-role' }),
  );

  await client.send(
    new iam.CreateRoleCommand({
      RoleName: 'cross-account-audit',
      AssumeRolePolicyDocument: doc(trustAccount(MANAGEMENT_ACCOUNT)),
    }),
  );
  if (spec.awsManagedPolicies !== false) {
    await client.send(
      new iam.AttachRolePolicyCommand({
        RoleName: 'cross-account-audit',
        PolicyArn: 'arn:aws:iam::aws:policy/SecurityAudit',
      }),
    );
  }

  await client.send(
    new iam.CreateOpenIDConnectProviderCommand({
      Url: 'https://token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      Tags: toIamTags({ ci: 'github' }),
    }),
  );
  await client.send(
    new iam.CreateRoleCommand({
      RoleName: 'github-deployer',
      AssumeRolePolicyDocument: doc(trustGithub(arn('oidc-provider', 'token.actions.githubusercontent.com'))),
    }),
  );
  await client.send(new iam.CreateSAMLProviderCommand({ Name: 'CorpIdP', SAMLMetadataDocument: SAML_METADATA }));
  await client.send(
    new iam.CreateRoleCommand({
      RoleName: 'saml-admin',
      AssumeRolePolicyDocument: doc(trustSaml(arn('saml-provider', 'CorpIdP'))),
    }),
  );
  await client.send(
    new iam.CreateRoleCommand({ RoleName: 'too-trusting', AssumeRolePolicyDocument: doc(TRUST_EVERYONE(accountId)) }),
  );

  await seedBulk(client, accountId, spec);
}

async function seedBulk(client: IAMClient, accountId: string, spec: SeedSpec): Promise<void> {
  const policies = spec.bulkPolicies ?? 0;
  const policyArn = (index: number) =>
    `arn:aws:iam::${accountId}:policy/bulk/policy-${String(index % policies).padStart(4, '0')}`;
  const numbers = (count: number) => Array.from({ length: count }, (_, index) => index);
  const pad = (index: number) => String(index).padStart(4, '0');

  await forEachLimited(numbers(policies), 8, (index) =>
    client.send(
      new iam.CreatePolicyCommand({
        PolicyName: `policy-${pad(index)}`,
        Path: '/bulk/',
        PolicyDocument: JSON.stringify(bulkPolicy(index)),
      }),
    ),
  );
  await forEachLimited(numbers(spec.bulkRoles ?? 0), 8, async (index) => {
    const name = `role-${pad(index)}`;
    await client.send(
      new iam.CreateRoleCommand({
        RoleName: name,
        Path: '/bulk/',
        AssumeRolePolicyDocument: JSON.stringify(trustService('ec2.amazonaws.com')),
        Tags: toIamTags({ index: String(index) }),
      }),
    );
    if (index % 2 === 0) {
      await client.send(
        new iam.PutRolePolicyCommand({
          RoleName: name,
          PolicyName: 'inline',
          PolicyDocument: JSON.stringify(bulkPolicy(index)),
        }),
      );
    }
    if (policies > 0)
      await client.send(new iam.AttachRolePolicyCommand({ RoleName: name, PolicyArn: policyArn(index) }));
  });
  await forEachLimited(numbers(spec.bulkUsers ?? 0), 8, async (index) => {
    const name = `user-${pad(index)}`;
    await client.send(new iam.CreateUserCommand({ UserName: name, Path: '/bulk/' }));
    if (policies > 0)
      await client.send(new iam.AttachUserPolicyCommand({ UserName: name, PolicyArn: policyArn(index) }));
  });
}

/** Runs `work` over `items`, at most `limit` at a time, failing on the first error. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function toTags(tags: Record<string, string>): org.Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function toIamTags(tags: Record<string, string>): iam.Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

function fail(message: string): never {
  throw new Error(`seed: ${message}`);
}

// The documents. Realistic shapes: conditions, NotAction, wildcards, several statements.

const DENY_LEAVE_ORG = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
};

const REGION_LOCK = (regions: string[]) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': regions } },
    },
  ],
});

const DENY_IAM_USERS = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'NoIamUsers', Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: '*' }],
};

const ENFORCE_TLS = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'EnforceTls',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:*', 'sqs:*', 'kms:*'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
    },
  ],
};

const ORG_RESOURCE_POLICY = (organizationId: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AllowDescribeFromSecurity',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:root` },
      Action: ['organizations:DescribeOrganization', 'organizations:ListAccounts'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
    },
  ],
});

const DEVELOPER_BOUNDARY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowAppServices', Effect: 'Allow', Action: ['s3:*', 'sqs:*', 'sns:*', 'logs:*'], Resource: '*' },
    { Sid: 'DenyIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
  ],
};

const READ_APP_DATA_V1 = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-data/*' }],
};

const READ_APP_DATA_V2 = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: 'arn:aws:s3:::app-data/*',
    },
    { Sid: 'ListBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::app-data' },
  ],
};

const LOGS_READ = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['logs:Get*', 'logs:Describe*', 'logs:FilterLogEvents'], Resource: '*' }],
};

const MFA_SELF_SERVICE = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ManageOwnMfa',
      Effect: 'Allow',
      Action: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice'],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    },
    {
      Sid: 'DenyWithoutMfa',
      Effect: 'Deny',
      NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'sts:GetSessionToken'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
};

const APP_INLINE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['sqs:*', 'sns:Publish'], Resource: '*' }],
};

const trustService = (service: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
});

const trustAccount = (account: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'audit-2026' } },
    },
  ],
});

const trustGithub = (provider: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example/orders:*' },
      },
    },
  ],
});

const trustSaml = (provider: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: provider },
      Action: 'sts:AssumeRoleWithSAML',
      Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    },
  ],
});

const TRUST_EVERYONE = (account: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
    {
      Sid: 'NotTheAccount',
      Effect: 'Deny',
      NotPrincipal: { AWS: `arn:aws:iam::${account}:root` },
      Action: 'sts:AssumeRole',
    },
  ],
});

const bulkPolicy = (index: number) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: `Bulk${index}`,
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 'dynamodb:GetItem', 'dynamodb:Query'],
      Resource: [`arn:aws:s3:::bulk-${index}/*`, `arn:aws:dynamodb:*:*:table/bulk-${index}`],
    },
  ],
});

const SAML_METADATA = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

// ---------------------------------------------------------------------------------------------
// The scenario of the jq recipes in docs/collected-data.md (test/collect/recipes.test.ts)

/** What seedRecipeScenario made: the names each recipe must find, and the decoys it must not. */
export interface RecipeScenario {
  /** An account outside the organization that the scenario trusts and shares with. */
  outsideAccount: string;
  buckets: { public: string; orgOnly: string; private: string };
  shares: { partner: string; organization: string };
}

export const RECIPE_OUTSIDE_ACCOUNT = '999988887777';

/**
 * In the management account of a seeded organization (on top of seedOrganization's principals), one
 * answer and one decoy per recipe:
 * - trust: `partner-access` trusts an account outside the organization; `break-glass` trusts the
 *   management account (inside);
 * - `Action: "*"`: the customer policy `AdminEverything` and AWS's AdministratorAccess, attached to
 *   `break-glass`; `UnusedAdmin` grants the same but is attached to nothing;
 * - iam:PassRole on `*`: the role `deployer` (inline), the group `Operators` (the customer policy
 *   `PassAnyRole`) and `break-glass` (through `*`); `scoped-deployer` may pass one path of roles only;
 * - permissions boundaries: the user `contractor` has AWS's PowerUserAccess as boundary (seedOrganization's
 *   `alice` has a customer one, `bob` none: moto drops users' boundaries, see recipes.test.ts);
 * - buckets (us-east-1): `public` allows `Principal: "*"`; `orgOnly` allows `*` within the organization
 *   only (aws:PrincipalOrgID); `private` allows the management account;
 * - RAM (us-east-1, needs the proxy's ramResourcesEmulator): `partner-network` shares a subnet with the
 *   outside account; `org-network` shares another with the first member account.
 * The endpoint must be the proxy, and the AWS managed policies loaded (startMoto's default).
 */
export async function seedRecipeScenario(endpoint: string, seeded: SeededOrganization): Promise<RecipeScenario> {
  const account = seeded.managementAccount;
  const member = seeded.accounts.find((a) => !a.management)?.id ?? fail('the scenario needs a member account');
  const config = { endpoint, region: 'us-east-1', credentials: MANAGEMENT_CREDENTIALS, maxAttempts: 5 };
  const doc = (statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statement });
  const policyArn = (name: string) => `arn:aws:iam::${account}:policy/${name}`;

  const client = new IAMClient(config);
  for (const [name, statement] of [
    ['AdminEverything', [{ Effect: 'Allow', Action: '*', Resource: '*' }]],
    ['UnusedAdmin', [{ Effect: 'Allow', Action: ['*'], Resource: '*' }]],
    ['PassAnyRole', [{ Sid: 'PassAny', Effect: 'Allow', Action: ['iam:GetRole', 'iam:PassRole'], Resource: '*' }]],
  ] as const) {
    await client.send(new iam.CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc([...statement]) }));
  }
  await client.send(
    new iam.CreateRoleCommand({
      RoleName: 'break-glass',
      AssumeRolePolicyDocument: JSON.stringify(trustAccount(account)),
    }),
  );
  for (const arn of [policyArn('AdminEverything'), 'arn:aws:iam::aws:policy/AdministratorAccess'])
    await client.send(new iam.AttachRolePolicyCommand({ RoleName: 'break-glass', PolicyArn: arn }));
  await client.send(
    new iam.CreateRoleCommand({
      RoleName: 'partner-access',
      AssumeRolePolicyDocument: doc([
        {
          Effect: 'Allow',
          Principal: { AWS: [`arn:aws:iam::${RECIPE_OUTSIDE_ACCOUNT}:root`] },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'partner-7' } },
        },
      ]),
    }),
  );
  const ec2Trust = JSON.stringify(trustService('ec2.amazonaws.com'));
  await client.send(new iam.CreateRoleCommand({ RoleName: 'deployer', AssumeRolePolicyDocument: ec2Trust }));
  await client.send(
    new iam.PutRolePolicyCommand({
      RoleName: 'deployer',
      PolicyName: 'pass-any-role',
      PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]),
    }),
  );
  await client.send(new iam.CreateRoleCommand({ RoleName: 'scoped-deployer', AssumeRolePolicyDocument: ec2Trust }));
  await client.send(
    new iam.PutRolePolicyCommand({
      RoleName: 'scoped-deployer',
      PolicyName: 'pass-app-roles',
      PolicyDocument: doc([
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${account}:role/app/*` },
      ]),
    }),
  );
  await client.send(
    new iam.CreateUserCommand({
      UserName: 'contractor',
      PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
    }),
  );
  await client.send(new iam.CreateGroupCommand({ GroupName: 'Operators' }));
  await client.send(new iam.AttachGroupPolicyCommand({ GroupName: 'Operators', PolicyArn: policyArn('PassAnyRole') }));
  client.destroy();

  const buckets = {
    public: `recipes-${account}-public-assets`,
    orgOnly: `recipes-${account}-org-shared`,
    private: `recipes-${account}-private`,
  };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const bucketPolicies: Record<string, object[]> = {
    [buckets.public]: [
      {
        Sid: 'PublicRead',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${buckets.public}/*`,
      },
    ],
    [buckets.orgOnly]: [
      {
        Sid: 'OrganizationRead',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${buckets.orgOnly}`, `arn:aws:s3:::${buckets.orgOnly}/*`],
        Condition: { StringEquals: { 'aws:PrincipalOrgID': seeded.organizationId } },
      },
    ],
    [buckets.private]: [
      {
        Sid: 'AccountRead',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${buckets.private}/*`,
      },
    ],
  };
  for (const [bucket, statement] of Object.entries(bucketPolicies)) {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: doc(statement) }));
  }
  s3.destroy();

  const ec2 = new EC2Client(config);
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }))).Vpc?.VpcId;
  const subnet = async (cidr: string) => {
    const id = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr }))).Subnet?.SubnetId;
    return `arn:aws:ec2:us-east-1:${account}:subnet/${id ?? fail('CreateSubnet')}`;
  };
  const partnerSubnet = await subnet('10.42.1.0/24');
  const orgSubnet = await subnet('10.42.2.0/24');
  ec2.destroy();
  const ram = new RAMClient(config);
  const share = async (name: string, resource: string, principal: string, external: boolean) =>
    (
      await ram.send(
        new CreateResourceShareCommand({
          name,
          resourceArns: [resource],
          principals: [principal],
          allowExternalPrincipals: external,
        }),
      )
    ).resourceShare?.resourceShareArn ?? fail(`CreateResourceShare ${name}`);
  const shares = {
    partner: await share('partner-network', partnerSubnet, RECIPE_OUTSIDE_ACCOUNT, true),
    organization: await share('org-network', orgSubnet, member, false),
  };
  ram.destroy();
  return { outsideAccount: RECIPE_OUTSIDE_ACCOUNT, buckets, shares };
}
