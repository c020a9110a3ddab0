/**
 * The storage layout, identical to iam-collect's so that tools and jq scripts written for it keep
 * working (spec iam-collect §6-7). Every function returns a `/`-separated key relative to the
 * storage root; the Store turns keys into files or S3 objects.
 *
 *   aws/<partition>/accounts/<account>/<service>[/<region>][/aws][/<type>]/<encoded path>/<name>.json
 *   aws/<partition>/accounts/<account>/<file>.json                 (organization, s3-bpa, ...)
 *   aws/<partition>/accounts/<account>/ram/<region|global>/<arn with : and / as ->.json
 *   aws/<partition>/organizations/<org id>/...
 *   aws/<partition>/indexes/<name>.json
 *   runs/<timestamp>/summary.json                                  (iamwright's run summary)
 *
 * Every key is checked with `assertSafeKey`, so no name taken from AWS can climb out of the root.
 */
import { IamwrightError } from '../util/errors.js';

/** A key that would escape the storage root or is not a plain relative path. */
export class UnsafeKeyError extends IamwrightError {}

/** The parts of an ARN as iam-collect splits them (its `splitArnParts`). */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  /** Text before the first `/` or `:` of the resource; '' when the service has no types. */
  resourceType: string;
  /** Text after that separator: the name, with any path. */
  resourcePath: string;
}

/**
 * Splits an ARN the way iam-collect does. S3 buckets (no region, no account), SNS topics and SQS
 * queues have no resource type. Otherwise one leading `/` is dropped (API Gateway's `::/restapis/x`)
 * and the resource splits at its first `/` or `:`; a resource without either is all type
 * (Glue's `catalog`).
 */
export function splitArn(arn: string): ArnParts {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    throw new UnsafeKeyError(`not an ARN: ${JSON.stringify(arn)}`);
  }
  const [, partition = '', service = '', region = '', accountId = ''] = parts;
  let resource = parts.slice(5).join(':');
  const untyped = (service === 's3' && region === '' && accountId === '') || service === 'sns' || service === 'sqs';
  if (untyped) return { partition, service, region, accountId, resourceType: '', resourcePath: resource };
  if (resource.startsWith('/')) resource = resource.slice(1);
  const separators = [resource.indexOf('/'), resource.indexOf(':')].filter((index) => index >= 0);
  if (separators.length === 0)
    return { partition, service, region, accountId, resourceType: resource, resourcePath: '' };
  const at = Math.min(...separators);
  return {
    partition,
    service,
    region,
    accountId,
    resourceType: resource.slice(0, at),
    resourcePath: resource.slice(at + 1),
  };
}

/** `aws/<partition>`: the root of everything collected from one partition. */
export function partitionRoot(partition: string): string {
  return joinKey(['aws', partition]);
}

/** `aws/<partition>/accounts/<account>`. */
export function accountRoot(partition: string, accountId: string): string {
  return joinKey(['aws', partition, 'accounts', accountId]);
}

/**
 * The folder of one resource, found in `accountId` (the account being collected, which is also
 * where S3 buckets and AWS managed policies go although their ARNs name no account). The whole
 * folder is lower-cased and the resource path URL-encoded, so `role/service-role/app-role` becomes
 * `iam/role/service-role%2fapp-role`. AWS-owned ARNs (account `aws`) get an extra `aws` folder.
 */
export function resourceFolder(accountId: string, arn: string): string {
  const parts = splitArn(arn);
  const segments = [parts.service];
  if (parts.region) segments.push(parts.region);
  if (parts.accountId === 'aws') segments.push('aws');
  if (parts.resourceType) segments.push(parts.resourceType);
  const encoded = encodeURIComponent(parts.resourcePath);
  if (encoded) segments.push(encoded);
  return joinKey([accountRoot(parts.partition, accountId), ...segments.map((s) => s.toLowerCase())]);
}

/**
 * The folder that holds every resource of one type, for listing and stale deletion: the
 * `resourceFolder` of a resource minus its last segment. `region` is '' for global services and
 * `resourceType` '' for services without types (S3 buckets, SNS, SQS).
 */
export function resourceTypeFolder(
  partition: string,
  accountId: string,
  service: string,
  region: string,
  resourceType: string,
  awsOwned = false,
): string {
  const segments = [service, region, awsOwned ? 'aws' : '', resourceType].filter((s) => s !== '');
  return joinKey([accountRoot(partition, accountId), ...segments.map((s) => s.toLowerCase())]);
}

/** `<folder>/<name>.json`: one file of a resource (`metadata`, `policy`, `trust-policy`, ...). */
export function resourceFileKey(folder: string, name: string): string {
  return joinKey([folder, `${name}.json`]);
}

/** An account-level file such as `organization`, `s3-bpa` or `ecr-registry-policy.us-east-1`. */
export function accountFileKey(partition: string, accountId: string, name: string): string {
  return joinKey([accountRoot(partition, accountId), `${name}.json`]);
}

/**
 * A RAM-shared resource: `ram/<region or global>/<arn>.json` where every `:` and `/` of the ARN
 * is a `-`, lower-cased.
 */
export function ramResourceKey(partition: string, accountId: string, region: string, arn: string): string {
  const name = `${arn.replace(/[:/]/g, '-').toLowerCase()}.json`;
  return joinKey([accountRoot(partition, accountId), 'ram', region || 'global', name]);
}

/** `aws/<partition>/organizations/<org id>`, and optional sub-keys under it. */
export function organizationKey(partition: string, organizationId: string, ...rest: string[]): string {
  return joinKey(['aws', partition, 'organizations', organizationId, ...rest].map((s) => s.toLowerCase()));
}

/** The kinds of organization policy folders. */
export type OrganizationPolicyKind = 'scps' | 'rcps' | 's3-policies';

/** `organizations/<org>/<scps|rcps|s3-policies>/<policy id>`: the policy id lower-cased. */
export function organizationPolicyFolder(
  partition: string,
  organizationId: string,
  kind: OrganizationPolicyKind,
  policyId: string,
): string {
  return organizationKey(partition, organizationId, kind, policyId);
}

/** `organizations/<org>/ous/<ou or root id>`. */
export function organizationalUnitFolder(partition: string, organizationId: string, ouId: string): string {
  return organizationKey(partition, organizationId, 'ous', ouId);
}

/** The five iam-collect indexes, plus any later one. */
export type IndexName =
  | 'accounts-to-orgs'
  | 'buckets-to-accounts'
  | 'apigateways-to-accounts'
  | 'principals-to-trust-policies'
  | 'vpcs';

/** `aws/<partition>/indexes/<name>.json`. */
export function indexKey(partition: string, name: IndexName): string {
  return joinKey(['aws', partition, 'indexes', `${name}.json`]);
}

/**
 * `runs/<timestamp>/summary.json`, the timestamp in UTC with `-` in place of `:` and `.` so it is a
 * valid file name everywhere and sorts by time: `runs/2026-11-23T00-32-23-939Z/summary.json`.
 */
export function runSummaryKey(startedAt: Date): string {
  return joinKey(['runs', runTimestamp(startedAt), 'summary.json']);
}

/** The folder name of one run: `2026-11-23T00-32-23-939Z`. */
export function runTimestamp(startedAt: Date): string {
  return startedAt.toISOString().replace(/[:.]/g, '-');
}

/** Joins segments into a key and checks it. */
function joinKey(segments: string[]): string {
  return assertSafeKey(segments.join('/'));
}

/**
 * Returns the key when it is a plain relative path that stays under the root, else throws
 * UnsafeKeyError: no leading `/`, no empty, `.` or `..` segment (also after URL-decoding, for
 * consumers that decode folder names), no NUL and no backslash (a separator on Windows).
 * A trailing `/` is allowed, so folder prefixes pass too.
 */
export function assertSafeKey(key: string): string {
  const body = key.endsWith('/') ? key.slice(0, -1) : key;
  const fault = keyFault(body);
  if (fault) throw new UnsafeKeyError(`unsafe storage key ${JSON.stringify(key)}: ${fault}`);
  return key;
}

function keyFault(key: string): string | undefined {
  if (key === '') return 'empty';
  if (key.includes('\0')) return 'contains NUL';
  if (key.includes('\\')) return 'contains a backslash';
  if (key.startsWith('/')) return 'absolute';
  for (const segment of key.split('/')) {
    if (segment === '') return 'empty segment';
    const decoded = segment.includes('%') ? safeDecode(segment) : segment;
    if (segment === '.' || segment === '..' || decoded === '.' || decoded === '..') return `"${segment}" segment`;
    if (decoded.includes('\0')) return 'contains an encoded NUL';
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
