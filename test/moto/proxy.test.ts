/**
 * The fault proxy and its emulations, checked with the real SDK clients over real HTTP:
 * faults are reproducible and each one is parsed and classified (retryable) by the SDK as AWS's
 * would be; emulated APIs that moto lacks parse as the real thing; requests are counted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccountClient, ListRegionsCommand, paginateListRegions } from '@aws-sdk/client-account';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DeleteResourcePolicyCommand,
  DescribeOrganizationCommand,
  DescribeResourcePolicyCommand,
  OrganizationsClient,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-organizations';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, PutPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { defaultEmulators } from './emulators.js';
import { dummyAwsEnv, localhostHttpHandler, MANAGEMENT_ACCOUNT, type Moto, startMoto } from './harness.js';
import { type FaultKind, type FaultProxy, startProxy } from './proxy.js';

Object.assign(process.env, dummyAwsEnv());

let moto: Moto;
let memberCredentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
const proxies: FaultProxy[] = [];

before(async () => {
  moto = await startMoto({ awsManagedPolicies: false });
  const orgs = new OrganizationsClient({ endpoint: moto.endpoint, region: 'us-east-1' });
  await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const created = await orgs.send(new CreateAccountCommand({ AccountName: 'member', Email: 'member@example.com' }));
  const sts = new STSClient({ endpoint: moto.endpoint, region: 'us-east-1' });
  const assumed = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${created.CreateAccountStatus?.AccountId}:role/OrganizationAccountAccessRole`,
      RoleSessionName: 'test',
    }),
  );
  memberCredentials = {
    accessKeyId: assumed.Credentials!.AccessKeyId!,
    secretAccessKey: assumed.Credentials!.SecretAccessKey!,
    sessionToken: assumed.Credentials!.SessionToken!,
  };
  const s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'proxied' }));
  orgs.destroy();
  sts.destroy();
  s3.destroy();
});

after(async () => {
  for (const proxy of proxies) await proxy.stop();
  await moto?.stop();
});

async function proxy(options: Partial<Parameters<typeof startProxy>[0]> = {}): Promise<FaultProxy> {
  const started = await startProxy({ upstream: moto.endpoint, emulators: defaultEmulators(), ...options });
  proxies.push(started);
  return started;
}

/** Retries once at once, recording how the SDK classified each error. */
class RecordingRetry implements RetryStrategyV2 {
  readonly types: string[] = [];
  async acquireInitialRetryToken(): Promise<RetryToken> {
    return { getRetryCount: () => 0, getRetryDelay: () => 0 };
  }
  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    this.types.push(info.errorType);
    if (previous.getRetryCount() >= 1 || info.errorType === 'CLIENT_ERROR') throw new Error('no retry');
    return { getRetryCount: () => previous.getRetryCount() + 1, getRetryDelay: () => 0 };
  }
  recordSuccess(): void {}
}

function config(endpoint: string, retryStrategy?: RetryStrategyV2) {
  return { endpoint, region: 'us-east-1', ...(retryStrategy ? { retryStrategy } : { maxAttempts: 1 }) };
}

describe('faults', () => {
  it('are parsed and classified by the real SDK like AWS errors, in each protocol', async () => {
    const outcomes: Record<string, string> = {};
    for (const kind of ['throttle', '429', '503', 'reset'] as FaultKind[]) {
      const faulty = await proxy({ faultRate: 1, faultKinds: [kind] });
      const calls: [string, (retry: RecordingRetry) => Promise<unknown>][] = [
        ['query', (retry) => new IAMClient(config(faulty.endpoint, retry)).send(new ListRolesCommand({}))],
        [
          'json',
          (retry) => new OrganizationsClient(config(faulty.endpoint, retry)).send(new DescribeOrganizationCommand({})),
        ],
        [
          'rest-xml',
          (retry) =>
            new S3Client({ ...config(faulty.endpoint, retry), forcePathStyle: true }).send(new ListBucketsCommand({})),
        ],
        ['rest-json', (retry) => new AccountClient(config(faulty.endpoint, retry)).send(new ListRegionsCommand({}))],
      ];
      for (const [protocol, call] of calls) {
        const retry = new RecordingRetry();
        const error = await call(retry).then(
          () => undefined,
          (caught: Error & { $metadata?: { httpStatusCode?: number }; code?: string }) => caught,
        );
        const name = error?.code === 'ECONNRESET' ? 'ECONNRESET' : error?.name;
        outcomes[`${kind} ${protocol}`] = `${name} ${error?.$metadata?.httpStatusCode ?? '-'} ${retry.types.join(',')}`;
      }
    }
    assert.deepEqual(outcomes, {
      'throttle query': 'Throttling 400 THROTTLING,THROTTLING',
      'throttle json': 'ThrottlingException 400 THROTTLING,THROTTLING',
      'throttle rest-xml': 'SlowDown 503 THROTTLING,THROTTLING',
      'throttle rest-json': 'ThrottlingException 400 THROTTLING,THROTTLING',
      '429 query': 'TooManyRequestsException 429 THROTTLING,THROTTLING',
      '429 json': 'TooManyRequestsException 429 THROTTLING,THROTTLING',
      '429 rest-xml': 'TooManyRequestsException 429 THROTTLING,THROTTLING',
      '429 rest-json': 'TooManyRequestsException 429 THROTTLING,THROTTLING',
      '503 query': 'ServiceUnavailable 503 TRANSIENT,TRANSIENT',
      '503 json': 'ServiceUnavailable 503 TRANSIENT,TRANSIENT',
      '503 rest-xml': 'ServiceUnavailable 503 TRANSIENT,TRANSIENT',
      '503 rest-json': 'ServiceUnavailable 503 TRANSIENT,TRANSIENT',
      'reset query': 'ECONNRESET - TRANSIENT,TRANSIENT',
      'reset json': 'ECONNRESET - TRANSIENT,TRANSIENT',
      'reset rest-xml': 'ECONNRESET - TRANSIENT,TRANSIENT',
      'reset rest-json': 'ECONNRESET - TRANSIENT,TRANSIENT',
    });
  });

  it('are reproducible: the same seed faults the same requests, another seed others', async () => {
    const run = async (seed: number) => {
      const faulty = await proxy({ faultRate: 0.4, seed });
      const client = new IAMClient(config(faulty.endpoint));
      const outcomes: string[] = [];
      for (let index = 0; index < 40; index++) {
        const request =
          index % 2 === 0 ? new ListRolesCommand({}) : new ListRolesCommand({ PathPrefix: `/p${index}/` });
        outcomes.push(
          await client.send(request).then(
            () => 'ok',
            (error: Error & { code?: string }) => error.code ?? error.name,
          ),
        );
      }
      client.destroy();
      return { outcomes, stats: faulty.stats() };
    };
    const first = await run(7);
    const again = await run(7);
    const other = await run(8);
    assert.deepEqual(again.outcomes, first.outcomes);
    assert.notDeepEqual(other.outcomes, first.outcomes);
    const faulted = first.outcomes.filter((outcome) => outcome !== 'ok').length;
    const { throttle, reset } = first.stats.faults;
    assert.equal(first.stats.faults['429'] + first.stats.faults['503'] + throttle + reset, faulted);
    assert.ok(faulted >= 8 && faulted <= 24, `about 40% of 40 requests faulted, got ${faulted}`);
    assert.deepEqual(
      [first.stats.byOperation, first.stats.succeededByOperation],
      [{ 'iam:ListRoles': 40 }, { 'iam:ListRoles': 40 - faulted }],
    );
  });
});

describe('emulated APIs that moto lacks', () => {
  it('account:ListRegions (HTTP-level emulation) parses with the real client, filters and pages', async () => {
    const emulating = await proxy();
    const account = new AccountClient(config(emulating.endpoint));
    const enabled = await account.send(
      new ListRegionsCommand({ RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] }),
    );
    const all: string[] = [];
    for await (const page of paginateListRegions({ client: account, pageSize: 1 }, {})) {
      for (const region of page.Regions ?? []) all.push(`${region.RegionName}=${region.RegionOptStatus}`);
    }
    assert.deepEqual(
      { enabled: enabled.Regions, all, stats: emulating.stats().emulated },
      {
        enabled: [
          { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
          { RegionName: 'us-west-2', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
        ],
        all: [
          'af-south-1=DISABLED',
          'eu-south-2=DISABLED',
          'us-east-1=ENABLED_BY_DEFAULT',
          'us-west-2=ENABLED_BY_DEFAULT',
        ],
        stats: { 'account:ListRegions': 5 },
      },
    );
  });

  it('organizations resource policy (HTTP-level emulation): put, describe, member denied, delete', async () => {
    const emulating = await proxy();
    const management = new OrganizationsClient(config(emulating.endpoint));
    const member = new OrganizationsClient({ ...config(emulating.endpoint), credentials: memberCredentials });
    const organization = (await management.send(new DescribeOrganizationCommand({}))).Organization!;
    const errorName = (error: Error) => error.name;
    const content = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'organizations:DescribeOrganization', Resource: '*' },
      ],
    });

    const before = await management.send(new DescribeResourcePolicyCommand({})).catch(errorName);
    const put = await management.send(new PutResourcePolicyCommand({ Content: content }));
    const described = await management.send(new DescribeResourcePolicyCommand({}));
    const byMember = await member.send(new DescribeResourcePolicyCommand({})).catch(errorName);
    const malformed = await management.send(new PutResourcePolicyCommand({ Content: 'nope' })).catch(errorName);
    await management.send(new DeleteResourcePolicyCommand({}));
    const afterDelete = await management.send(new DescribeResourcePolicyCommand({})).catch(errorName);

    const id = put.ResourcePolicy?.ResourcePolicySummary?.Id;
    assert.match(id ?? '', /^rp-[0-9a-f]{8}$/);
    const summary = {
      Id: id,
      Arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT}:resourcepolicy/${organization.Id}/${id}`,
    };
    assert.deepEqual(
      {
        before,
        put: put.ResourcePolicy,
        described: described.ResourcePolicy,
        byMember,
        malformed,
        afterDelete,
      },
      {
        before: 'ResourcePolicyNotFoundException',
        put: { ResourcePolicySummary: summary },
        described: { ResourcePolicySummary: summary, Content: content },
        byMember: 'AccessDeniedException',
        malformed: 'MalformedPolicyDocumentException',
        afterDelete: 'ResourcePolicyNotFoundException',
      },
    );
  });
});

describe('forwarding and counting', () => {
  it('passes S3 and S3 Control (via *.localhost) through unchanged and counts by operation', async () => {
    const plain = await proxy();
    const s3 = new S3Client({ ...config(plain.endpoint), forcePathStyle: true });
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
    await s3.send(new PutObjectCommand({ Bucket: 'proxied', Key: 'a/b%2fc.bin', Body: bytes }));
    const got = Buffer.from(
      await (
        await s3.send(new GetObjectCommand({ Bucket: 'proxied', Key: 'a/b%2fc.bin' }))
      ).Body!.transformToByteArray(),
    );
    const url = new URL(plain.endpoint);
    const s3control = new S3ControlClient({
      ...config(`http://s3control.localhost:${url.port}`),
      requestHandler: localhostHttpHandler(),
    });
    const block = {
      BlockPublicAcls: true,
      IgnorePublicAcls: false,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    };
    await s3control.send(
      new PutPublicAccessBlockCommand({ AccountId: MANAGEMENT_ACCOUNT, PublicAccessBlockConfiguration: block }),
    );
    const read = await s3control.send(new GetPublicAccessBlockCommand({ AccountId: MANAGEMENT_ACCOUNT }));
    const sts = new STSClient(config(plain.endpoint));
    await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MANAGEMENT_ACCOUNT}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'x',
      }),
    );
    assert.deepEqual(
      { same: got.equals(bytes), block: read.PublicAccessBlockConfiguration, stats: plain.stats() },
      {
        same: true,
        block,
        stats: {
          requests: 5,
          byOperation: {
            's3:PutObject': 1,
            's3:GetObject': 1,
            's3control:PutPublicAccessBlock': 1,
            's3control:GetPublicAccessBlock': 1,
            'sts:AssumeRole': 1,
          },
          succeededByOperation: {
            's3:PutObject': 1,
            's3:GetObject': 1,
            's3control:PutPublicAccessBlock': 1,
            's3control:GetPublicAccessBlock': 1,
            'sts:AssumeRole': 1,
          },
          faults: { throttle: 0, '429': 0, '503': 0, reset: 0 },
          faultsByOperation: {},
          emulated: {},
        },
      },
    );
  });
});
