/**
 * HTTP-level emulations of the resource-policy APIs moto 5.2 lacks or gets wrong (spec iam-collect
 * §12), answered in AWS's own wire format so the real SDK clients parse real bytes:
 *
 * - S3 Object Lambda access points (S3 Control, REST-XML): list, get, get policy;
 * - S3 Express directory buckets (S3, REST-XML, signed `s3express`): list, CreateSession (the SDK
 *   opens a session first when the endpoint is overridden), bucket policy, encryption; and their
 *   access points (S3 Control signed `s3express`): list, get, policy, tags;
 * - S3 Tables bucket policy (put/get/delete) and encryption (REST-JSON);
 * - DynamoDB resource policies on stream ARNs (JSON 1.0), which moto mis-parses;
 * - MediaStore (JSON 1.1): moto's answers fixed up (times, ARNs, status, tag lookup by ARN).
 *
 * Each emulation but MediaStore's holds its resources in a small state object the test (or
 * benchmark) fills and changes directly: moto has no API to create them.
 */
import { type Emulator, type EmulatorContext, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';

// ---------------------------------------------------------------------------------------------
// Shared wire-format helpers

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<name>value</name>`, or nothing for undefined. */
function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined
    ? ''
    : `<${name}>${typeof value === 'string' ? xmlEscape(value) : String(value)}</${name}>`;
}

function xmlResponse(root: string, inner: string): ProxyResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">${inner}</${root}>`,
  };
}

/** An S3 or S3 Control error: REST-XML, whatever the proxy guessed for the request's protocol. */
export function s3XmlError(request: ProxyRequest, status: number, code: string, message: string): ProxyResponse {
  return errorResponse({ ...request, protocol: 'rest-xml' }, status, code, message);
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export const BLOCK_ALL: PublicAccessBlock = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

function bpaXml(bpa: PublicAccessBlock): string {
  return `<PublicAccessBlockConfiguration>${el('BlockPublicAcls', bpa.BlockPublicAcls)}${el('IgnorePublicAcls', bpa.IgnorePublicAcls)}${el('BlockPublicPolicy', bpa.BlockPublicPolicy)}${el('RestrictPublicBuckets', bpa.RestrictPublicBuckets)}</PublicAccessBlockConfiguration>`;
}

function tagsXml(tags: Record<string, string>): string {
  return `<Tags>${Object.entries(tags)
    .map(([key, value]) => `<Tag>${el('Key', key)}${el('Value', value)}</Tag>`)
    .join('')}</Tags>`;
}

const FIXED_DATE = '2026-01-01T00:00:00.000Z';

/** The account of the caller's credentials, asked of moto once per access key. */
function callerAccounts(): (request: ProxyRequest, context: EmulatorContext) => Promise<string | undefined> {
  const known = new Map<string, Promise<string | undefined>>();
  return (request, context) => {
    let account = known.get(request.accessKeyId);
    if (!account) {
      const token = request.headers['x-amz-security-token'];
      const authorization = String(request.headers.authorization ?? '');
      // moto routes by the signing name in the credential scope: re-scope the caller's header to STS.
      account = context
        .upstream({
          method: 'POST',
          path: '/',
          headers: {
            host: String(request.headers.host ?? 'localhost'),
            ...(typeof token === 'string' ? { 'x-amz-security-token': token } : {}),
            authorization: authorization.replace(/(Credential=[^/]+\/\d{8}\/[^/]+\/)[^/]+\//, '$1sts/'),
            'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          },
          body: 'Action=GetCallerIdentity&Version=2011-06-15',
        })
        .then((response) => /<Account>(\d{12})<\/Account>/.exec(response.body.toString('utf8'))?.[1]);
      known.set(request.accessKeyId, account);
    }
    return account;
  };
}

// ---------------------------------------------------------------------------------------------
// S3 Object Lambda access points

export interface ObjectLambdaAccessPoint {
  account: string;
  region: string;
  name: string;
  policy?: string;
  bpa?: PublicAccessBlock;
}

/** The Object Lambda access points the emulation serves; change it freely between runs. */
export class ObjectLambdaState {
  readonly accessPoints: ObjectLambdaAccessPoint[] = [];

  put(accessPoint: ObjectLambdaAccessPoint): void {
    this.remove(accessPoint.account, accessPoint.region, accessPoint.name);
    this.accessPoints.push(accessPoint);
  }

  remove(account: string, region: string, name: string): void {
    const index = this.accessPoints.findIndex((a) => a.account === account && a.region === region && a.name === name);
    if (index >= 0) this.accessPoints.splice(index, 1);
  }
}

/** A stable alias per access point, in AWS's shape (`<name>-<hash>--ol-s3`). */
function objectLambdaAlias(ap: ObjectLambdaAccessPoint): string {
  let hash = 0;
  for (const char of `${ap.account}/${ap.region}/${ap.name}`) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `${ap.name}-${hash.toString(16).padStart(8, '0')}--ol-s3`;
}

/**
 * `ListAccessPointsForObjectLambda`, `GetAccessPointForObjectLambda` and
 * `GetAccessPointPolicyForObjectLambda` (S3 Control, REST-XML): moto answers 404 with an HTML page.
 */
export function objectLambdaEmulator(state: ObjectLambdaState): Emulator {
  return (request) => {
    if (request.service !== 's3control' || request.method !== 'GET') return undefined;
    const match = /^\/v20180820\/accesspointforobjectlambda(?:\/([^/]+)(\/policy)?)?$/.exec(request.path);
    if (!match) return undefined;
    const account = String(request.headers['x-amz-account-id'] ?? '');
    const inScope = state.accessPoints.filter((a) => a.account === account && a.region === request.region);
    const arn = (ap: ObjectLambdaAccessPoint) =>
      `arn:aws:s3-object-lambda:${ap.region}:${ap.account}:accesspoint/${ap.name}`;
    const alias = (ap: ObjectLambdaAccessPoint) =>
      `<Alias>${el('Value', objectLambdaAlias(ap))}${el('Status', 'READY')}</Alias>`;
    const [, name, policy] = match;
    if (!name) {
      const items = inScope
        .map(
          (ap) =>
            `<ObjectLambdaAccessPoint>${el('Name', ap.name)}${el('ObjectLambdaAccessPointArn', arn(ap))}${alias(ap)}</ObjectLambdaAccessPoint>`,
        )
        .join('');
      return xmlResponse(
        'ListAccessPointsForObjectLambdaResult',
        `<ObjectLambdaAccessPointList>${items}</ObjectLambdaAccessPointList>`,
      );
    }
    const ap = inScope.find((a) => a.name === decodeURIComponent(name));
    if (!ap) return s3XmlError(request, 404, 'NoSuchAccessPoint', 'The specified accesspoint does not exist');
    if (policy) {
      if (!ap.policy)
        return s3XmlError(request, 404, 'NoSuchAccessPointPolicy', 'The specified accesspoint policy does not exist');
      return xmlResponse('GetAccessPointPolicyForObjectLambdaResult', el('Policy', ap.policy));
    }
    return xmlResponse(
      'GetAccessPointForObjectLambdaResult',
      `${el('Name', ap.name)}${bpaXml(ap.bpa ?? BLOCK_ALL)}${el('CreationDate', FIXED_DATE)}${alias(ap)}`,
    );
  };
}

// ---------------------------------------------------------------------------------------------
// S3 Express One Zone: directory buckets and their access points

export interface DirectoryBucket {
  account: string;
  region: string;
  /** `<base>--<zone id>--x-s3` */
  name: string;
  policy?: string;
  /** Default SSE-S3 (AES256), as on AWS. */
  sseAlgorithm?: string;
  kmsKeyArn?: string;
}

export interface DirectoryAccessPoint {
  account: string;
  region: string;
  /** `<base>--<zone id>--xa-s3` */
  name: string;
  bucket: string;
  vpcId?: string;
  policy?: string;
  tags?: Record<string, string>;
}

/** The directory buckets and access points the emulation serves; change it freely between runs. */
export class DirectoryBucketState {
  readonly buckets: DirectoryBucket[] = [];
  readonly accessPoints: DirectoryAccessPoint[] = [];
  /** Directory bucket tags by bucket ARN (S3 Control ListTagsForResource). */
  readonly bucketTags = new Map<string, Record<string, string>>();
}

/**
 * S3 Express calls moto gets wrong or lacks: ListDirectoryBuckets (moto returns the general purpose
 * buckets), CreateSession, GetBucketPolicy and GetBucketEncryption on directory buckets, and the
 * S3 Control calls on directory access points (ListAccessPointsForDirectoryBuckets, GetAccessPoint,
 * GetAccessPointPolicy, ListTagsForResource), all signed with the `s3express` name.
 */
export function directoryBucketEmulator(state: DirectoryBucketState): Emulator {
  const callerAccount = callerAccounts();
  return async (request, context) => {
    if (request.service !== 's3express' || request.method !== 'GET') return undefined;
    const controlMatch = /^\/v20180820\/(accesspointfordirectory|accesspoint\/([^/]+)(\/policy)?|tags\/(.+))$/.exec(
      request.path,
    );
    if (controlMatch) {
      const account = String(request.headers['x-amz-account-id'] ?? '');
      const inScope = state.accessPoints.filter((a) => a.account === account && a.region === request.region);
      const arn = (ap: DirectoryAccessPoint) => `arn:aws:s3express:${ap.region}:${ap.account}:accesspoint/${ap.name}`;
      const [, kind, name, policy, tagged] = controlMatch;
      if (kind === 'accesspointfordirectory') {
        const bucket = request.query.get('directoryBucket');
        const items = inScope
          .filter((ap) => !bucket || ap.bucket === bucket)
          .map(
            (ap) =>
              `<AccessPoint>${el('Name', ap.name)}${el('NetworkOrigin', ap.vpcId ? 'VPC' : 'Internet')}${ap.vpcId ? `<VpcConfiguration>${el('VpcId', ap.vpcId)}</VpcConfiguration>` : ''}${el('Bucket', ap.bucket)}${el('AccessPointArn', arn(ap))}${el('BucketAccountId', ap.account)}</AccessPoint>`,
          )
          .join('');
        return xmlResponse('ListAccessPointsForDirectoryBucketsResult', `<AccessPointList>${items}</AccessPointList>`);
      }
      if (tagged !== undefined) {
        const resource = decodeURIComponent(tagged);
        const ap = inScope.find((a) => arn(a) === resource);
        const tags = ap ? ap.tags : state.bucketTags.get(resource);
        if (
          !ap &&
          !state.buckets.some((b) => `arn:aws:s3express:${b.region}:${b.account}:bucket/${b.name}` === resource)
        ) {
          return s3XmlError(request, 404, 'NoSuchResource', 'The specified resource does not exist');
        }
        return xmlResponse('ListTagsForResourceResult', tagsXml(tags ?? {}));
      }
      const ap = inScope.find((a) => a.name === decodeURIComponent(name ?? ''));
      if (!ap) return s3XmlError(request, 404, 'NoSuchAccessPoint', 'The specified accesspoint does not exist');
      if (policy) {
        if (!ap.policy)
          return s3XmlError(request, 404, 'NoSuchAccessPointPolicy', 'The specified accesspoint policy does not exist');
        return xmlResponse('GetAccessPointPolicyResult', el('Policy', ap.policy));
      }
      return xmlResponse(
        'GetAccessPointResult',
        `${el('Name', ap.name)}${el('Bucket', ap.bucket)}${el('NetworkOrigin', ap.vpcId ? 'VPC' : 'Internet')}${ap.vpcId ? `<VpcConfiguration>${el('VpcId', ap.vpcId)}</VpcConfiguration>` : ''}${bpaXml(BLOCK_ALL)}${el('CreationDate', FIXED_DATE)}${el('AccessPointArn', arn(ap))}${el('BucketAccountId', ap.account)}`,
      );
    }

    const account = await callerAccount(request, context);
    const mine = state.buckets.filter((b) => b.account === account && b.region === request.region);
    if (request.path === '/' && request.query.get('x-id') === 'ListDirectoryBuckets') {
      const items = mine
        .map(
          (b) =>
            `<Bucket>${el('Name', b.name)}${el('CreationDate', FIXED_DATE)}${el('BucketRegion', b.region)}</Bucket>`,
        )
        .join('');
      return xmlResponse('ListAllMyDirectoryBucketsResult', `<Buckets>${items}</Buckets>`);
    }
    const name = request.path.split('/').filter(Boolean)[0] ?? '';
    const bucket = mine.find((b) => b.name === name);
    if (!bucket) return s3XmlError(request, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (request.query.has('session')) {
      const expires = new Date(Date.now() + 5 * 60_000).toISOString();
      return xmlResponse(
        'CreateSessionResult',
        `<Credentials>${el('SessionToken', `session-${bucket.name}`)}${el('SecretAccessKey', 'session-secret')}${el('AccessKeyId', 'ASIASESSION')}${el('Expiration', expires)}</Credentials>`,
      );
    }
    if (request.query.has('policy')) {
      if (!bucket.policy) return s3XmlError(request, 404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
      return { status: 200, headers: { 'content-type': 'application/json' }, body: bucket.policy };
    }
    if (request.query.has('encryption')) {
      return xmlResponse(
        'ServerSideEncryptionConfiguration',
        `<Rule><ApplyServerSideEncryptionByDefault>${el('SSEAlgorithm', bucket.sseAlgorithm ?? 'AES256')}${el('KMSMasterKeyID', bucket.kmsKeyArn)}</ApplyServerSideEncryptionByDefault>${el('BucketKeyEnabled', true)}</Rule>`,
      );
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------
// S3 Tables: table bucket policies and encryption

/** Table bucket policies and encryption by bucket ARN; buckets themselves live in moto. */
export class TableBucketState {
  readonly policies = new Map<string, string>();
  readonly encryption = new Map<string, { sseAlgorithm: string; kmsKeyArn?: string }>();
}

/**
 * S3 Tables `Put/Get/DeleteTableBucketPolicy` and `GetTableBucketEncryption` (REST-JSON): moto
 * answers 500. Encryption defaults to AES256, as AWS reports for a bucket without settings.
 */
export function tableBucketEmulator(state: TableBucketState): Emulator {
  return (request) => {
    if (request.service !== 's3tables') return undefined;
    const match = /^\/buckets\/([^/]+)\/(policy|encryption)$/.exec(request.path);
    if (!match) return undefined;
    const arn = decodeURIComponent(match[1] ?? '');
    const json = (status: number, value: unknown): ProxyResponse => ({
      status,
      headers: { 'content-type': 'application/json' },
      body: value === undefined ? '' : JSON.stringify(value),
    });
    if (match[2] === 'encryption') {
      if (request.method !== 'GET') return undefined;
      return json(200, { encryptionConfiguration: state.encryption.get(arn) ?? { sseAlgorithm: 'AES256' } });
    }
    if (request.method === 'PUT') {
      const body = JSON.parse(request.body.toString('utf8') || '{}') as { resourcePolicy?: string };
      state.policies.set(arn, body.resourcePolicy ?? '');
      return json(200, undefined);
    }
    if (request.method === 'DELETE') {
      state.policies.delete(arn);
      return json(204, undefined);
    }
    const policy = state.policies.get(arn);
    if (policy === undefined) {
      return errorResponse(request, 404, 'NotFoundException', 'The specified table bucket policy does not exist.');
    }
    return json(200, { resourcePolicy: policy });
  };
}

// ---------------------------------------------------------------------------------------------
// DynamoDB: resource policies on stream ARNs

/** Stream resource policies by stream ARN. */
export class StreamPolicyState {
  readonly policies = new Map<string, string>();
}

/**
 * DynamoDB `Put/Get/DeleteResourcePolicy` on stream ARNs (JSON 1.0): moto takes the stream ARN for a
 * table ARN and fails. Table ARNs go through to moto.
 */
export function streamPolicyEmulator(state: StreamPolicyState): Emulator {
  return (request) => {
    if (request.service !== 'dynamodb' || request.protocol !== 'json') return undefined;
    const operation = request.operation.slice('dynamodb:'.length);
    if (!['GetResourcePolicy', 'PutResourcePolicy', 'DeleteResourcePolicy'].includes(operation)) return undefined;
    const input = JSON.parse(request.body.toString('utf8') || '{}') as { ResourceArn?: string; Policy?: string };
    const arn = input.ResourceArn ?? '';
    if (!arn.includes('/stream/')) return undefined;
    const json = (value: unknown): ProxyResponse => ({
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify(value),
    });
    const revision = (text: string) => String(text.length);
    if (operation === 'PutResourcePolicy') {
      state.policies.set(arn, input.Policy ?? '');
      return json({ RevisionId: revision(input.Policy ?? '') });
    }
    const policy = state.policies.get(arn);
    if (policy === undefined) {
      return errorResponse(
        request,
        400,
        'PolicyNotFoundException',
        `Resource-based policy not found for the provided ResourceArn: ${arn}`,
      );
    }
    if (operation === 'DeleteResourcePolicy') {
      state.policies.delete(arn);
      return json({ RevisionId: revision(policy) });
    }
    return json({ Policy: policy, RevisionId: revision(policy) });
  };
}

// ---------------------------------------------------------------------------------------------
// MediaStore: containers live in moto; their answers are fixed up to AWS's wire format

/**
 * Passes MediaStore calls to moto and fixes what it gets wrong against AWS: `CreationTime`
 * (`"MM/DD/YYYY, HH:MM:SS"` where AWS sends epoch seconds, which the SDK rejects), the container ARN
 * (moto: `arn:aws:mediastore:container:<name>`, AWS: `arn:aws:mediastore:<region>:<account>:container/<name>`),
 * the status (moto stays CREATING until DescribeContainer), and ListTagsForResource (moto looks the
 * `Resource` up as a container name, AWS takes the ARN).
 */
export function mediastoreEmulator(): Emulator {
  const callerAccount = callerAccounts();
  return async (request, context) => {
    if (request.service !== 'mediastore') return undefined;
    const account = (await callerAccount(request, context)) ?? '';
    const arnOf = (name: string) => `arn:aws:mediastore:${request.region}:${account}:container/${name}`;
    let body = request.body;
    if (request.operation === 'mediastore:ListTagsForResource') {
      const { Resource } = JSON.parse(request.body.toString('utf8')) as { Resource: string };
      body = Buffer.from(JSON.stringify({ Resource: Resource.slice(Resource.indexOf('/') + 1) }));
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value === undefined || name === 'connection' || name === 'content-length') continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    headers['content-length'] = String(body.length);
    // moto does not check signatures, so the caller's headers go along with a changed body.
    const response = await context.upstream({ method: request.method, path: request.url, headers, body });
    const fixed = response.body
      .toString('utf8')
      .replace(
        /"CreationTime":\s*"(\d\d)\/(\d\d)\/(\d{4}), (\d\d:\d\d:\d\d)"/g,
        (_, month: string, day: string, year: string, time: string) =>
          `"CreationTime": ${Date.parse(`${year}-${month}-${day}T${time}Z`) / 1000}`,
      )
      .replace(/"arn:aws:mediastore:container:([^"]+)"/g, (_, name: string) => JSON.stringify(arnOf(name)))
      .replace(/"Status":\s*"CREATING"/g, '"Status": "ACTIVE"');
    return { status: response.status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: fixed };
  };
}
