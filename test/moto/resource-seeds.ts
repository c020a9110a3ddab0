/**
 * Seeds moto, through the real SDK, with the policy-bearing resources of the resource-policy sources
 * (issue 5): one function per service, each making a fixed set of named resources in one account and
 * its regions, with resource policies, tags and the other settings iam-collect stores. The tests use
 * them on the management account; the benchmark can call them for every account (pass the account's
 * assumed-role credentials).
 */
import * as s3 from '@aws-sdk/client-s3';
import * as s3control from '@aws-sdk/client-s3-control';
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as ecr from '@aws-sdk/client-ecr';
import * as efs from '@aws-sdk/client-efs';
import * as iam from '@aws-sdk/client-iam';
import * as kinesis from '@aws-sdk/client-kinesis';
import * as kms from '@aws-sdk/client-kms';
import * as lambda from '@aws-sdk/client-lambda';
import * as mediastore from '@aws-sdk/client-mediastore';
import * as s3tables from '@aws-sdk/client-s3tables';
import * as secretsmanager from '@aws-sdk/client-secrets-manager';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { localhostHttpHandler, MANAGEMENT_ACCOUNT } from './harness.js';
import { BLOCK_ALL, type DirectoryBucketState, type ObjectLambdaState } from './resource-emulators.js';
import { s3ControlEndpoint } from './seed.js';

export interface ResourceSeedTarget {
  /** moto's endpoint, or the proxy's in front of it. */
  endpoint: string;
  /** Default: the management account (moto's `testing` keys). */
  account?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Default: us-east-1 and us-west-2. */
  regions?: string[];
}

interface Resolved {
  endpoint: string;
  account: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  regions: string[];
}

function resolve(target: ResourceSeedTarget): Resolved {
  return {
    endpoint: target.endpoint,
    account: target.account ?? MANAGEMENT_ACCOUNT,
    credentials: target.credentials ?? { accessKeyId: 'testing', secretAccessKey: 'testing' },
    regions: target.regions ?? ['us-east-1', 'us-west-2'],
  };
}

/** A client config for `region` (maxAttempts > 1: the proxy may be faulting). */
export function seedClientConfig(target: ResourceSeedTarget, region: string) {
  const t = resolve(target);
  return { endpoint: t.endpoint, region, credentials: t.credentials, maxAttempts: 5 };
}

/** `{Key, Value}` tag lists from a map. */
export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** A one-statement policy allowing the account root `actions` on `resource`. */
export function allowAccount(account: string, actions: string | string[], resource: string, sid = 'AllowAccount') {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: sid,
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: actions,
        Resource: resource,
      },
    ],
  });
}

/** Names of the S3 resources `seedS3` makes in one account. */
export const S3_SEED = {
  dataBucket: (account: string, region: string) => `acct-${account}-${region}-data`,
  logsBucket: (account: string, region: string) => `acct-${account}-${region}-logs`,
  accessPoint: (region: string) => `ap-${region.replace(/-/g, '')}`,
  multiRegionAccessPoint: 'global-data',
};

/**
 * S3: per region a data bucket (bucket policy, tags, Block Public Access, SSE-KMS) and a bare logs
 * bucket, an access point on the data bucket with a policy; once per account a Multi-Region Access
 * Point over the first region's data bucket, with a policy.
 */
export async function seedS3(target: ResourceSeedTarget): Promise<void> {
  const t = resolve(target);
  const control = new s3control.S3ControlClient({
    ...seedClientConfig(t, 'us-west-2'),
    endpoint: s3ControlEndpoint(t.endpoint),
    requestHandler: localhostHttpHandler(),
  });
  for (const region of t.regions) {
    const client = new s3.S3Client({ ...seedClientConfig(t, region), forcePathStyle: true });
    const location = region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } };
    const data = S3_SEED.dataBucket(t.account, region);
    await client.send(new s3.CreateBucketCommand({ Bucket: data, ...(location as object) }));
    await client.send(
      new s3.CreateBucketCommand({ Bucket: S3_SEED.logsBucket(t.account, region), ...(location as object) }),
    );
    await client.send(
      new s3.PutBucketPolicyCommand({
        Bucket: data,
        Policy: allowAccount(MANAGEMENT_ACCOUNT, ['s3:GetObject'], `arn:aws:s3:::${data}/*`, 'MgmtRead'),
      }),
    );
    await client.send(
      new s3.PutBucketTaggingCommand({ Bucket: data, Tagging: { TagSet: tagList({ data: 'confidential' }) } }),
    );
    await client.send(
      new s3.PutPublicAccessBlockCommand({
        Bucket: data,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
    await client.send(
      new s3.PutBucketEncryptionCommand({
        Bucket: data,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: false }],
        },
      }),
    );
    client.destroy();

    const regional = new s3control.S3ControlClient({
      ...seedClientConfig(t, region),
      endpoint: s3ControlEndpoint(t.endpoint),
      requestHandler: localhostHttpHandler(),
    });
    const accessPoint = S3_SEED.accessPoint(region);
    await regional.send(
      new s3control.CreateAccessPointCommand({ AccountId: t.account, Name: accessPoint, Bucket: data }),
    );
    await regional.send(
      new s3control.PutAccessPointPolicyCommand({
        AccountId: t.account,
        Name: accessPoint,
        Policy: allowAccount(
          t.account,
          ['s3:GetObject'],
          `arn:aws:s3:${region}:${t.account}:accesspoint/${accessPoint}/object/*`,
        ),
      }),
    );
    regional.destroy();
  }

  const first = t.regions[0] ?? 'us-east-1';
  await control.send(
    new s3control.CreateMultiRegionAccessPointCommand({
      AccountId: t.account,
      ClientToken: `seed-${t.account}`,
      Details: { Name: S3_SEED.multiRegionAccessPoint, Regions: [{ Bucket: S3_SEED.dataBucket(t.account, first) }] },
    }),
  );
  await control.send(
    new s3control.PutMultiRegionAccessPointPolicyCommand({
      AccountId: t.account,
      ClientToken: `seed-policy-${t.account}`,
      Details: {
        Name: S3_SEED.multiRegionAccessPoint,
        Policy: allowAccount(t.account, 's3:GetObject', `arn:aws:s3::${t.account}:accesspoint/*`),
      },
    }),
  );
  control.destroy();
}

/** S3 Object Lambda (emulated, see resource-emulators.ts): per region one access point with a policy, one without. */
export function seedObjectLambda(state: ObjectLambdaState, target: Omit<ResourceSeedTarget, 'endpoint'> = {}): void {
  const t = resolve({ endpoint: '', ...target });
  for (const region of t.regions) {
    const name = `transform-${region.replace(/-/g, '')}`;
    state.put({
      account: t.account,
      region,
      name,
      policy: allowAccount(
        t.account,
        's3-object-lambda:GetObject',
        `arn:aws:s3-object-lambda:${region}:${t.account}:accesspoint/${name}`,
      ),
    });
    state.put({
      account: t.account,
      region,
      name: `redact-${region.replace(/-/g, '')}`,
      bpa: { ...BLOCK_ALL, RestrictPublicBuckets: false },
    });
  }
}

/**
 * The zone id of a region's fourth Availability Zone as AWS writes it (`use1-az4`, `usw2-az4`,
 * `apne1-az4`, `euc1-az4`), the middle of directory bucket names (`<base>--use1-az4--x-s3`). The SDK's
 * endpoint rules read the zone id out of the name and reject a name without a real one.
 */
export function directoryZone(region: string): string {
  const match = /^([a-z]+)-([a-z]+)-(\d+)$/.exec(region);
  if (!match) throw new Error(`directoryZone: not a region name: ${region}`);
  const [, area, direction = '', number] = match;
  const compass = direction.replace(/north|south|east|west|central/g, (word) => word.charAt(0));
  return `${area}${compass}${number}-az4`;
}

/**
 * S3 Express (emulated): per region a directory bucket with a policy and tags, a bare one with
 * SSE-KMS, and an access point on the first with a policy and tags.
 */
export function seedDirectoryBuckets(
  state: DirectoryBucketState,
  target: Omit<ResourceSeedTarget, 'endpoint'> = {},
): void {
  const t = resolve({ endpoint: '', ...target });
  for (const region of t.regions) {
    const zone = directoryZone(region);
    const data = `data--${zone}--x-s3`;
    const arn = `arn:aws:s3express:${region}:${t.account}:bucket/${data}`;
    state.buckets.push({
      account: t.account,
      region,
      name: data,
      policy: allowAccount(t.account, 's3express:CreateSession', arn),
    });
    state.bucketTags.set(arn, { app: 'analytics' });
    state.buckets.push({
      account: t.account,
      region,
      name: `scratch--${zone}--x-s3`,
      sseAlgorithm: 'aws:kms',
      kmsKeyArn: `arn:aws:kms:${region}:${t.account}:key/scratch`,
    });
    const accessPoint = `reader--${zone}--xa-s3`;
    state.accessPoints.push({
      account: t.account,
      region,
      name: accessPoint,
      bucket: data,
      vpcId: 'vpc-0a1b2c3d',
      policy: allowAccount(
        t.account,
        's3express:CreateSession',
        `arn:aws:s3express:${region}:${t.account}:accesspoint/${accessPoint}`,
      ),
      tags: { team: 'analytics' },
    });
  }
}

/** S3 Tables: per region a table bucket with a policy (emulated) and one without. */
export async function seedS3Tables(target: ResourceSeedTarget): Promise<void> {
  const t = resolve(target);
  for (const region of t.regions) {
    const client = new s3tables.S3TablesClient(seedClientConfig(t, region));
    const compact = region.replace(/-/g, '');
    const created = await client.send(new s3tables.CreateTableBucketCommand({ name: `analytics-${compact}` }));
    await client.send(new s3tables.CreateTableBucketCommand({ name: `staging-${compact}` }));
    await client.send(
      new s3tables.PutTableBucketPolicyCommand({
        tableBucketARN: created.arn,
        resourcePolicy: allowAccount(t.account, 's3tables:GetTable', created.arn ?? ''),
      }),
    );
    client.destroy();
  }
}

/** KMS key ids made by `seedKms`, per region: the orders key (policy, tags, alias) and a bare one. */
export interface SeededKeys {
  [region: string]: { orders: string; bare: string };
}

/** KMS: per region a key with a custom policy, tags and the alias `alias/orders`, and a key with the default policy. */
export async function seedKms(target: ResourceSeedTarget): Promise<SeededKeys> {
  const t = resolve(target);
  const keys: SeededKeys = {};
  for (const region of t.regions) {
    const client = new kms.KMSClient(seedClientConfig(t, region));
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${t.account}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'AllowAppDecrypt',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${t.account}:role/service-role/app-role` },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
        },
      ],
    });
    const orders = await client.send(
      new kms.CreateKeyCommand({
        Policy: policy,
        Tags: [{ TagKey: 'app', TagValue: 'orders' }],
        BypassPolicyLockoutSafetyCheck: true,
      }),
    );
    const bare = await client.send(new kms.CreateKeyCommand({}));
    const ordersId = orders.KeyMetadata?.KeyId ?? '';
    await client.send(new kms.CreateAliasCommand({ AliasName: 'alias/orders', TargetKeyId: ordersId }));
    keys[region] = { orders: ordersId, bare: bare.KeyMetadata?.KeyId ?? '' };
    client.destroy();
  }
  return keys;
}

/** An empty zip archive (just the end-of-central-directory record): code moto accepts without running it. */
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

/** The execution role of seeded functions, made when absent (moto checks that it exists). */
async function ensureLambdaRole(t: Resolved): Promise<string> {
  const client = new iam.IAMClient(seedClientConfig(t, 'us-east-1'));
  const arn = `arn:aws:iam::${t.account}:role/service-role/lambda-exec`;
  try {
    await client.send(
      new iam.CreateRoleCommand({
        RoleName: 'lambda-exec',
        Path: '/service-role/',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'EntityAlreadyExistsException') throw error;
  } finally {
    client.destroy();
  }
  return arn;
}

/**
 * Lambda: per region the function `orders-handler` (a permission for SNS, tags, and the alias
 * `live` with its own permission), the bare function `cron-job`, and the layer `shared-libs` with
 * version 1 shared with the organization and version 2 private.
 */
export async function seedLambda(target: ResourceSeedTarget): Promise<void> {
  const t = resolve(target);
  const role = await ensureLambdaRole(t);
  for (const region of t.regions) {
    const client = new lambda.LambdaClient(seedClientConfig(t, region));
    const create = (name: string, tags?: Record<string, string>) =>
      client.send(
        new lambda.CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'python3.12',
          Role: role,
          Handler: 'index.handler',
          Code: { ZipFile: EMPTY_ZIP },
          ...(tags ? { Tags: tags } : {}),
        }),
      );
    await create('orders-handler', { app: 'orders' });
    await create('cron-job');
    await client.send(
      new lambda.AddPermissionCommand({
        FunctionName: 'orders-handler',
        StatementId: 'AllowSns',
        Action: 'lambda:InvokeFunction',
        Principal: 'sns.amazonaws.com',
        SourceArn: `arn:aws:sns:${region}:${t.account}:alerts`,
      }),
    );
    const version = await client.send(new lambda.PublishVersionCommand({ FunctionName: 'orders-handler' }));
    await client.send(
      new lambda.CreateAliasCommand({ FunctionName: 'orders-handler', Name: 'live', FunctionVersion: version.Version }),
    );
    await client.send(
      new lambda.AddPermissionCommand({
        FunctionName: 'orders-handler',
        Qualifier: 'live',
        StatementId: 'AllowApiGateway',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
      }),
    );
    for (let i = 0; i < 2; i++) {
      await client.send(
        new lambda.PublishLayerVersionCommand({ LayerName: 'shared-libs', Content: { ZipFile: EMPTY_ZIP } }),
      );
    }
    await client.send(
      new lambda.AddLayerVersionPermissionCommand({
        LayerName: 'shared-libs',
        VersionNumber: 1,
        StatementId: 'org-read',
        Action: 'lambda:GetLayerVersion',
        Principal: '*',
        OrganizationId: 'o-exampleorgid',
      }),
    );
    client.destroy();
  }
}

/** SQS: per region the queue `orders` (policy, KMS key, tags) and the bare queue `dead-letters`. */
export async function seedSqs(target: ResourceSeedTarget): Promise<void> {
  const t = resolve(target);
  for (const region of t.regions) {
    const client = new sqs.SQSClient(seedClientConfig(t, region));
    const arn = `arn:aws:sqs:${region}:${t.account}:orders`;
    await client.send(
      new sqs.CreateQueueCommand({
        QueueName: 'orders',
        Attributes: {
          Policy: allowAccount(t.account, 'sqs:SendMessage', arn),
          KmsMasterKeyId: `arn:aws:kms:${region}:${t.account}:key/orders`,
        },
        tags: { app: 'orders' },
      }),
    );
    await client.send(new sqs.CreateQueueCommand({ QueueName: 'dead-letters' }));
    client.destroy();
  }
}

/** SNS: per region the topic `alerts` (policy, display name, KMS key, tags) and the bare topic `audit`. */
export async function seedSns(target: ResourceSeedTarget): Promise<void> {
  const t = resolve(target);
  for (const region of t.regions) {
    const client = new sns.SNSClient(seedClientConfig(t, region));
    const arn = `arn:aws:sns:${region}:${t.account}:alerts`;
    await client.send(
      new sns.CreateTopicCommand({
        Name: 'alerts',
        Attributes: {
          DisplayName: 'Alerts',
          KmsMasterKeyId: 'alias/aws/sns',
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: arn },
            ],
          }),
        },
        Tags: tagList({ app: 'orders' }),
      }),
    );
    await client.send(new sns.CreateTopicCommand({ Name: 'audit' }));
    client.destroy();
  }
}

/** Secrets Manager: per region the secret `db-password` (resource policy, KMS key, tags) and the bare secret `api-token`. */
export async function seedSecretsManager(target: ResourceSeedTarget): Promise<void> {
  const t = resolve(target);
  for (const region of t.regions) {
    const client = new secretsmanager.SecretsManagerClient(seedClientConfig(t, region));
    const created = await client.send(
      new secretsmanager.CreateSecretCommand({
        Name: 'db-password',
        SecretString: 'not-a-real-password',
        KmsKeyId: `arn:aws:kms:${region}:${t.account}:key/orders`,
        Tags: tagList({ app: 'orders' }),
      }),
    );
    await client.send(
      new secretsmanager.PutResourcePolicyCommand({
        SecretId: created.ARN,
        ResourcePolicy: allowAccount(t.account, 'secretsmanager:GetSecretValue', '*'),
      }),
    );
    await client.send(new secretsmanager.CreateSecretCommand({ Name: 'api-token', SecretString: 'not-a-real-token' }));
    client.destroy();
  }
}

/** ECR: per region the repository `orders/api` (policy, tags), the bare repository `tools`, and a registry policy. */
export async function seedEcr(target: ResourceSeedTarget): Promise<void> {
  const t = resolve(target);
  for (const region of t.regions) {
    const client = new ecr.ECRClient(seedClientConfig(t, region));
    await client.send(
      new ecr.CreateRepositoryCommand({ repositoryName: 'orders/api', tags: tagList({ app: 'orders' }) }),
    );
    await client.send(
      new ecr.SetRepositoryPolicyCommand({
        repositoryName: 'orders/api',
        policyText: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'OrgPull',
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${t.account}:root` },
              Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
            },
          ],
        }),
      }),
    );
    await client.send(new ecr.CreateRepositoryCommand({ repositoryName: 'tools' }));
    await client.send(
      new ecr.PutRegistryPolicyCommand({
        policyText: allowAccount(
          t.account,
          ['ecr:ReplicateImage'],
          `arn:aws:ecr:${region}:${t.account}:repository/*`,
          'Replication',
        ),
      }),
    );
    client.destroy();
  }
}

/**
 * DynamoDB: per region the table `orders` (resource policy, tags, a stream with its own policy: stream
 * policies need the proxy's emulation) and the bare table `sessions`. Returns the stream ARNs by region.
 */
export async function seedDynamoDb(target: ResourceSeedTarget): Promise<Record<string, string>> {
  const t = resolve(target);
  const streams: Record<string, string> = {};
  for (const region of t.regions) {
    const client = new dynamodb.DynamoDBClient(seedClientConfig(t, region));
    const table = (name: string, stream: boolean, tags?: Record<string, string>) =>
      client.send(
        new dynamodb.CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          ...(stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } } : {}),
          ...(tags ? { Tags: tagList(tags) } : {}),
        }),
      );
    const orders = await table('orders', true, { app: 'orders' });
    await table('sessions', false);
    const tableArn = orders.TableDescription?.TableArn ?? '';
    const streamArn = orders.TableDescription?.LatestStreamArn ?? '';
    await client.send(
      new dynamodb.PutResourcePolicyCommand({
        ResourceArn: tableArn,
        Policy: allowAccount(t.account, 'dynamodb:GetItem', tableArn),
      }),
    );
    await client.send(
      new dynamodb.PutResourcePolicyCommand({
        ResourceArn: streamArn,
        Policy: allowAccount(t.account, 'dynamodb:GetRecords', streamArn),
      }),
    );
    streams[region] = streamArn;
    client.destroy();
  }
  return streams;
}

/** A Kinesis client over HTTP/1.1: the SDK's default handler for Kinesis speaks HTTP/2, which moto does not. */
export function kinesisClient(target: ResourceSeedTarget, region: string): kinesis.KinesisClient {
  return new kinesis.KinesisClient({ ...seedClientConfig(target, region), requestHandler: new NodeHttpHandler() });
}

/** Kinesis: per region the stream `clicks` (resource policy, tags) and the bare stream `audit-log`. */
export async function seedKinesis(target: ResourceSeedTarget): Promise<void> {
  const t = resolve(target);
  for (const region of t.regions) {
    const client = kinesisClient(t, region);
    await client.send(new kinesis.CreateStreamCommand({ StreamName: 'clicks', ShardCount: 1 }));
    await client.send(new kinesis.AddTagsToStreamCommand({ StreamName: 'clicks', Tags: { app: 'web' } }));
    await client.send(new kinesis.CreateStreamCommand({ StreamName: 'audit-log', ShardCount: 1 }));
    const arn = `arn:aws:kinesis:${region}:${t.account}:stream/clicks`;
    await client.send(
      new kinesis.PutResourcePolicyCommand({
        ResourceARN: arn,
        Policy: allowAccount(t.account, 'kinesis:GetRecords', arn),
      }),
    );
    client.destroy();
  }
}

/**
 * EFS: per region the encrypted file system `shared-fs` (file system policy, tags) and an unnamed
 * one. Returns the file system ids by region and name (`shared-fs`, `unnamed`).
 */
export async function seedEfs(target: ResourceSeedTarget): Promise<Record<string, Record<string, string>>> {
  const t = resolve(target);
  const ids: Record<string, Record<string, string>> = {};
  for (const region of t.regions) {
    const client = new efs.EFSClient(seedClientConfig(t, region));
    const shared = await client.send(
      new efs.CreateFileSystemCommand({
        CreationToken: `shared-${region}`,
        Encrypted: true,
        Tags: tagList({ Name: 'shared-fs' }),
      }),
    );
    const unnamed = await client.send(new efs.CreateFileSystemCommand({ CreationToken: `unnamed-${region}` }));
    const id = shared.FileSystemId ?? '';
    await client.send(
      new efs.PutFileSystemPolicyCommand({
        FileSystemId: id,
        Policy: allowAccount(
          t.account,
          'elasticfilesystem:ClientMount',
          `arn:aws:elasticfilesystem:${region}:${t.account}:file-system/${id}`,
        ),
      }),
    );
    ids[region] = { 'shared-fs': id, unnamed: unnamed.FileSystemId ?? '' };
    client.destroy();
  }
  return ids;
}

/**
 * MediaStore (moto, fixed up by mediastoreEmulator): per region a `live` container with a public-read
 * container policy and tags, and a bare `archive` container.
 */
export async function seedMediaStore(target: ResourceSeedTarget): Promise<void> {
  const t = resolve(target);
  for (const region of t.regions) {
    const client = new mediastore.MediaStoreClient(seedClientConfig(t, region));
    const live = `arn:aws:mediastore:${region}:${t.account}:container/live`;
    await client.send(
      new mediastore.CreateContainerCommand({ ContainerName: 'live', Tags: tagList({ app: 'video' }) }),
    );
    await client.send(
      new mediastore.PutContainerPolicyCommand({
        ContainerName: 'live',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'PublicRead',
              Effect: 'Allow',
              Principal: '*',
              Action: ['mediastore:GetObject', 'mediastore:DescribeObject'],
              Resource: `${live}/*`,
            },
          ],
        }),
      }),
    );
    await client.send(new mediastore.CreateContainerCommand({ ContainerName: 'archive' }));
    client.destroy();
  }
}
