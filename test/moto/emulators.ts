/**
 * HTTP-level emulations of the AWS APIs moto 5 lacks (spec iam-collect §12), in AWS's own wire
 * format so the real SDK clients parse them. Each is an Emulator for the proxy's registry: it
 * answers the requests it knows and returns undefined for the rest. Add more (RAM ListResources,
 * Backup vault policies...) the same way: one function, one test.
 */
import { createHash } from 'node:crypto';
import { type Emulator, type EmulatorContext, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';

export type RegionOptStatus = 'ENABLED' | 'ENABLING' | 'DISABLING' | 'DISABLED' | 'ENABLED_BY_DEFAULT';

export interface RegionState {
  name: string;
  status: RegionOptStatus;
}

/** Two default regions (the ones the seed uses) and two opt-in regions left disabled. */
export const DEFAULT_REGIONS: readonly RegionState[] = [
  { name: 'af-south-1', status: 'DISABLED' },
  { name: 'eu-south-2', status: 'DISABLED' },
  { name: 'us-east-1', status: 'ENABLED_BY_DEFAULT' },
  { name: 'us-west-2', status: 'ENABLED_BY_DEFAULT' },
];

/**
 * `account:ListRegions` (rest-json, `POST /listRegions`): moto answers 404. Every account sees
 * the same regions. Honours RegionOptStatusContains, MaxResults (default 20) and NextToken.
 */
export function listRegionsEmulator(regions: readonly RegionState[] = DEFAULT_REGIONS): Emulator {
  return (request) => {
    if (request.operation !== 'account:ListRegions') return undefined;
    const input = parseJson(request) as {
      MaxResults?: number;
      NextToken?: string;
      RegionOptStatusContains?: RegionOptStatus[];
    };
    const wanted = input.RegionOptStatusContains;
    const matching = regions.filter((region) => !wanted || wanted.length === 0 || wanted.includes(region.status));
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const size = input.MaxResults ?? 20;
    const page = matching.slice(start, start + size);
    const next = start + size < matching.length ? String(start + size) : undefined;
    return jsonResponse(request, {
      Regions: page.map((region) => ({ RegionName: region.name, RegionOptStatus: region.status })),
      ...(next ? { NextToken: next } : {}),
    });
  };
}

/**
 * Organizations `PutResourcePolicy`, `DescribeResourcePolicy` and `DeleteResourcePolicy` (JSON 1.1):
 * moto answers 500. One policy per organization, kept in memory; only the management account may
 * call them (others get AccessDeniedException), and an account outside any organization gets moto's
 * own AWSOrganizationsNotInUseException. The policy id is derived from the organization id, so
 * golden files stay stable.
 */
export function organizationResourcePolicyEmulator(): Emulator {
  const policies = new Map<string, { id: string; content: string }>();
  return async (request, context) => {
    const operation = request.operation;
    if (
      operation !== 'organizations:DescribeResourcePolicy' &&
      operation !== 'organizations:PutResourcePolicy' &&
      operation !== 'organizations:DeleteResourcePolicy'
    ) {
      return undefined;
    }
    const organization = await callerOrganization(request, context);
    if ('error' in organization) return organization.error;
    const { id: orgId, managementAccount } = organization;
    if (organization.caller !== managementAccount) {
      return errorResponse(
        request,
        400,
        'AccessDeniedException',
        "You don't have permissions to access this resource.",
      );
    }

    const stored = policies.get(orgId);
    const summary = (id: string) => ({
      Id: id,
      Arn: `arn:aws:organizations::${managementAccount}:resourcepolicy/${orgId}/${id}`,
    });
    if (operation === 'organizations:PutResourcePolicy') {
      const { Content } = parseJson(request) as { Content?: string };
      if (typeof Content !== 'string' || !isJsonObject(Content)) {
        return errorResponse(
          request,
          400,
          'MalformedPolicyDocumentException',
          'The provided policy document is not valid.',
        );
      }
      const id = `rp-${createHash('sha256').update(orgId).digest('hex').slice(0, 8)}`;
      policies.set(orgId, { id, content: Content });
      return jsonResponse(request, { ResourcePolicy: { ResourcePolicySummary: summary(id) } });
    }
    if (!stored) {
      return errorResponse(
        request,
        400,
        'ResourcePolicyNotFoundException',
        'We can’t find a resource policy request with the parameter that you specified.',
      );
    }
    if (operation === 'organizations:DeleteResourcePolicy') {
      policies.delete(orgId);
      return jsonResponse(request, {});
    }
    return jsonResponse(request, {
      ResourcePolicy: { ResourcePolicySummary: summary(stored.id), Content: stored.content },
    });
  };
}

/** Both emulations, as the tests and the benchmark use them. */
export function defaultEmulators(regions: readonly RegionState[] = DEFAULT_REGIONS): Emulator[] {
  return [listRegionsEmulator(regions), organizationResourcePolicyEmulator()];
}

type CallerOrganization = { id: string; managementAccount: string; caller: string } | { error: ProxyResponse };

/** Asks moto, with the caller's own credentials, for its organization and its account id. */
async function callerOrganization(request: ProxyRequest, context: EmulatorContext): Promise<CallerOrganization> {
  const authorization = String(request.headers.authorization ?? '');
  const token = request.headers['x-amz-security-token'];
  const common: Record<string, string> = {
    host: String(request.headers.host ?? 'localhost'),
    ...(typeof token === 'string' ? { 'x-amz-security-token': token } : {}),
  };
  const described = await context.upstream({
    method: 'POST',
    path: '/',
    headers: {
      ...common,
      authorization,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSOrganizationsV20161128.DescribeOrganization',
    },
    body: '{}',
  });
  if (described.status !== 200) {
    return {
      error: {
        status: described.status,
        headers: { 'content-type': String(described.headers['content-type'] ?? 'application/x-amz-json-1.1') },
        body: described.body,
      },
    };
  }
  const organization = (
    JSON.parse(described.body.toString('utf8')) as { Organization: { Id: string; MasterAccountId: string } }
  ).Organization;

  // moto routes by the signing name in the credential scope, so re-scope the caller's header to STS.
  const identity = await context.upstream({
    method: 'POST',
    path: '/',
    headers: {
      ...common,
      authorization: authorization.replace(/(Credential=[^/]+\/\d{8}\/[^/]+\/)[^/]+\//, '$1sts/'),
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
    },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  });
  const caller = /<Account>(\d{12})<\/Account>/.exec(identity.body.toString('utf8'))?.[1];
  if (!caller) return { error: { status: 500, body: `GetCallerIdentity failed: HTTP ${identity.status}` } };
  return { id: organization.Id, managementAccount: organization.MasterAccountId, caller };
}

function parseJson(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function jsonResponse(request: ProxyRequest, value: unknown): ProxyResponse {
  const contentType = request.protocol === 'json' ? String(request.headers['content-type']) : 'application/json';
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(value) };
}

// ---------------------------------------------------------------------------------------------------
// Resource-policy services moto lacks or gets wrong (apigateway ... sso sources, issue 5). Each keeps
// its own state per (caller account, region), in memory for the life of the proxy.

const callerAccounts = new Map<string, Promise<string>>();

/** The caller's account id, asked once per access key from moto's STS with the caller's own signature. */
export function callerAccount(request: ProxyRequest, context: EmulatorContext): Promise<string> {
  let account = callerAccounts.get(request.accessKeyId);
  if (!account) {
    const token = request.headers['x-amz-security-token'];
    account = context
      .upstream({
        method: 'POST',
        path: '/',
        headers: {
          host: String(request.headers.host ?? 'localhost'),
          ...(typeof token === 'string' ? { 'x-amz-security-token': token } : {}),
          // moto routes by the signing name in the credential scope, so re-scope the header to STS.
          authorization: String(request.headers.authorization ?? '').replace(
            /(Credential=[^/]+\/\d{8}\/[^/]+\/)[^/]+\//,
            '$1sts/',
          ),
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      })
      .then((response) => {
        const id = /<Account>(\d{12})<\/Account>/.exec(response.body.toString('utf8'))?.[1];
        if (!id) throw new Error(`GetCallerIdentity failed: HTTP ${response.status}`);
        return id;
      });
    callerAccounts.set(request.accessKeyId, account);
    account.catch(() => callerAccounts.delete(request.accessKeyId));
  }
  return account;
}

/** Sends the caller's request to moto as another method, path or body (moto does not check signatures). */
function forward(
  request: ProxyRequest,
  context: EmulatorContext,
  changes: { method?: string; path?: string; body?: string | Buffer } = {},
): ReturnType<EmulatorContext['upstream']> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'connection' || name === 'content-length') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const body = changes.body ?? request.body;
  headers['content-length'] = String(Buffer.byteLength(body));
  return context.upstream({
    method: changes.method ?? request.method,
    path: changes.path ?? request.url,
    headers,
    body,
  });
}

/** A rest-json answer (content type `application/json`). */
function restJson(value: unknown, status = 200): ProxyResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** An upstream answer passed on unchanged. */
function passOn(response: { status: number; headers: Record<string, unknown>; body: Buffer }): ProxyResponse {
  return {
    status: response.status,
    headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') },
    body: response.body,
  };
}

/**
 * AWS Backup (rest-json). moto answers 404 to the vault access-policy calls, and its ListTags reads
 * the ARN from the wrong path segment when the SDK sends `/tags/{arn}` without a trailing slash
 * (every vault then has no tags). Emulated: Put/Get/DeleteBackupVaultAccessPolicy, checked against
 * moto's vaults (ResourceNotFoundException, as AWS, for an unknown vault or a vault without policy);
 * ListTags is forwarded with the path moto expects. DeleteBackupVault drops the vault's policy.
 */
export function backupVaultEmulator(): Emulator {
  const policies = new Map<string, string>();
  return async (request, context) => {
    if (request.service !== 'backup') return undefined;
    if (request.method === 'GET' && /^\/tags\/[^/]+$/.test(request.path)) {
      return passOn(
        await forward(request, context, { path: `${request.path}/${request.url.slice(request.path.length)}` }),
      );
    }
    const vault = /^\/backup-vaults\/([^/]+)(\/access-policy)?$/.exec(request.path);
    if (!vault?.[1]) return undefined;
    const name = decodeURIComponent(vault[1]);
    const key = `${await callerAccount(request, context)}/${request.region}/${name}`;
    if (!vault[2]) {
      if (request.method === 'DELETE') policies.delete(key);
      return undefined;
    }
    const described = await forward(request, context, { method: 'GET', path: `/backup-vaults/${vault[1]}`, body: '' });
    if (described.status !== 200) return passOn(described);
    const arn = (JSON.parse(described.body.toString('utf8')) as { BackupVaultArn: string }).BackupVaultArn;
    switch (request.method) {
      case 'PUT': {
        const { Policy } = parseJson(request) as { Policy?: string };
        if (typeof Policy !== 'string' || !isJsonObject(Policy)) {
          return errorResponse(request, 400, 'InvalidParameterValueException', 'The policy is not valid JSON.');
        }
        policies.set(key, Policy);
        return restJson({});
      }
      case 'DELETE':
        policies.delete(key);
        return restJson({});
      case 'GET': {
        const policy = policies.get(key);
        if (policy === undefined) {
          return errorResponse(request, 404, 'ResourceNotFoundException', `Backup vault ${name} has no access policy`);
        }
        return restJson({ BackupVaultName: name, BackupVaultArn: arn, Policy: policy });
      }
      default:
        return undefined;
    }
  };
}

/** A stable UUID-shaped id derived from text, so golden files stay stable. */
function stableUuid(text: string): string {
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

interface EksAccessEntry {
  principalArn: string;
  accessEntryArn: string;
  kubernetesGroups: string[];
  username: string;
  type: string;
  tags: Record<string, string>;
  createdAt: number;
  policies: Map<string, { policyArn: string; accessScope: unknown; associatedAt: number }>;
}

/**
 * EKS (rest-json). moto 5.2 drops a cluster's `accessConfig` and has no access entries at all.
 * Emulated: CreateCluster and DescribeCluster keep and return `accessConfig.authenticationMode`
 * (CONFIG_MAP when not given, as the API's default); Create/List/Describe/DeleteAccessEntry and
 * Associate/ListAssociatedAccessPolicies, with AWS's errors (ResourceNotFoundException for an unknown
 * cluster or entry, InvalidRequestException on a CONFIG_MAP cluster). The entry ARN has AWS's shape,
 * `access-entry/<cluster>/<role|user>/<account>/<name>/<uuid>`, with a uuid derived from the principal.
 */
export function eksAccessEntryEmulator(): Emulator {
  const clusters = new Map<string, { mode: string; entries: Map<string, EksAccessEntry> }>();
  return async (request, context) => {
    if (request.service !== 'eks') return undefined;
    const parts = request.path.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'clusters') return undefined;
    const account = await callerAccount(request, context);
    const key = (name: string) => `${account}/${request.region}/${name}`;

    if (parts.length <= 2) {
      // The cluster calls go to moto; accessConfig is kept here and added to its answers.
      const input =
        request.method === 'POST'
          ? (parseJson(request) as { name?: string; accessConfig?: { authenticationMode?: string } })
          : {};
      const response = await forward(request, context);
      const name = parts[1] ?? input.name ?? '';
      if (response.status !== 200 || (request.method === 'GET' && parts.length === 1)) return passOn(response);
      if (request.method === 'DELETE') {
        clusters.delete(key(name));
        return passOn(response);
      }
      if (request.method === 'POST') {
        clusters.set(key(name), { mode: input.accessConfig?.authenticationMode ?? 'CONFIG_MAP', entries: new Map() });
      }
      const body = JSON.parse(response.body.toString('utf8')) as { cluster?: Record<string, unknown> };
      if (body.cluster) {
        const mode = clusters.get(key(name))?.mode ?? 'CONFIG_MAP';
        body.cluster.accessConfig = { authenticationMode: mode, bootstrapClusterCreatorAdminPermissions: false };
      }
      return restJson(body);
    }

    if (parts[2] !== 'access-entries') return undefined;
    const clusterName = parts[1] ?? '';
    const cluster = clusters.get(key(clusterName));
    if (!cluster)
      return errorResponse(request, 404, 'ResourceNotFoundException', `No cluster found for name: ${clusterName}.`);
    if (cluster.mode === 'CONFIG_MAP') {
      return errorResponse(
        request,
        400,
        'InvalidRequestException',
        "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.",
      );
    }
    const principal = parts[3];
    const now = Math.floor(Date.now() / 1000);
    if (principal === undefined) {
      if (request.method === 'GET') {
        const all = [...cluster.entries.keys()].sort();
        const start = Number(request.query.get('nextToken') ?? 0);
        const size = Number(request.query.get('maxResults') ?? 100);
        const next = start + size < all.length ? String(start + size) : undefined;
        return restJson({ accessEntries: all.slice(start, start + size), ...(next ? { nextToken: next } : {}) });
      }
      if (request.method !== 'POST') return undefined;
      const input = parseJson(request) as Partial<EksAccessEntry>;
      const principalArn = String(input.principalArn ?? '');
      if (cluster.entries.has(principalArn)) {
        return errorResponse(
          request,
          409,
          'ResourceInUseException',
          'The specified access entry resource is already in use on this cluster.',
        );
      }
      const match = /^arn:[^:]+:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(principalArn);
      if (!match)
        return errorResponse(
          request,
          400,
          'InvalidParameterException',
          `The principalArn parameter format is not valid`,
        );
      const [, principalAccount, kind, name] = match;
      const entry: EksAccessEntry = {
        principalArn,
        accessEntryArn: `arn:aws:eks:${request.region}:${account}:access-entry/${clusterName}/${kind}/${principalAccount}/${name}/${stableUuid(principalArn)}`,
        kubernetesGroups: input.kubernetesGroups ?? [],
        username:
          input.username ??
          (kind === 'role' ? `arn:aws:sts::${principalAccount}:assumed-role/${name}/{{SessionName}}` : principalArn),
        type: input.type ?? 'STANDARD',
        tags: input.tags ?? {},
        createdAt: now,
        policies: new Map(),
      };
      cluster.entries.set(principalArn, entry);
      return restJson({ accessEntry: describeEntry(clusterName, entry) });
    }
    const entry = cluster.entries.get(principal);
    if (!entry)
      return errorResponse(request, 404, 'ResourceNotFoundException', `The specified principalArn could not be found.`);
    if (parts.length === 4) {
      if (request.method === 'GET') return restJson({ accessEntry: describeEntry(clusterName, entry) });
      if (request.method === 'DELETE') {
        cluster.entries.delete(principal);
        return restJson({});
      }
      return undefined;
    }
    if (parts[4] !== 'access-policies') return undefined;
    if (request.method === 'POST' && parts.length === 5) {
      const input = parseJson(request) as { policyArn?: string; accessScope?: unknown };
      const policy = {
        policyArn: String(input.policyArn),
        accessScope: input.accessScope ?? { type: 'cluster' },
        associatedAt: now,
      };
      entry.policies.set(policy.policyArn, policy);
      return restJson({ clusterName, principalArn: principal, associatedAccessPolicy: { ...policy, modifiedAt: now } });
    }
    if (request.method === 'GET' && parts.length === 5) {
      const policies = [...entry.policies.values()].sort((a, b) => a.policyArn.localeCompare(b.policyArn));
      return restJson({
        clusterName,
        principalArn: principal,
        associatedAccessPolicies: policies.map((p) => ({ ...p, modifiedAt: p.associatedAt })),
      });
    }
    return undefined;
  };
}

function describeEntry(clusterName: string, entry: EksAccessEntry): Record<string, unknown> {
  return {
    clusterName,
    principalArn: entry.principalArn,
    accessEntryArn: entry.accessEntryArn,
    kubernetesGroups: entry.kubernetesGroups,
    username: entry.username,
    type: entry.type,
    tags: entry.tags,
    createdAt: entry.createdAt,
    modifiedAt: entry.createdAt,
  };
}

/**
 * S3 Glacier vault access policies and tags (rest-json): moto 5.2 answers 404. Emulated:
 * Set/Get/DeleteVaultAccessPolicy and AddTagsToVault/RemoveTagsFromVault/ListTagsForVault, checked
 * against moto's vaults (ResourceNotFoundException for an unknown vault or a vault without policy, as
 * AWS). DeleteVault drops the vault's policy and tags.
 */
export function glacierVaultEmulator(): Emulator {
  const policies = new Map<string, string>();
  const tags = new Map<string, Record<string, string>>();
  return async (request, context) => {
    if (request.service !== 'glacier') return undefined;
    const match = /^\/([^/]+)\/vaults\/([^/]+)(?:\/(access-policy|tags))?$/.exec(request.path);
    if (!match?.[1] || !match[2]) return undefined;
    const [, accountPart, encodedName, sub] = match;
    const name = decodeURIComponent(encodedName);
    const account = accountPart === '-' ? await callerAccount(request, context) : accountPart;
    const key = `${account}/${request.region}/${name}`;
    if (!sub) {
      if (request.method === 'DELETE') {
        policies.delete(key);
        tags.delete(key);
      }
      return undefined;
    }
    const described = await forward(request, context, {
      method: 'GET',
      path: `/${accountPart}/vaults/${encodedName}`,
      body: '',
    });
    if (described.status !== 200) return passOn(described);
    const noContent: ProxyResponse = { status: 204 };
    if (sub === 'access-policy') {
      if (request.method === 'PUT') {
        const { Policy } = parseJson(request) as { Policy?: string };
        if (typeof Policy !== 'string' || !isJsonObject(Policy)) {
          return errorResponse(request, 400, 'InvalidParameterValueException', 'Policy is not valid JSON');
        }
        policies.set(key, Policy);
        return noContent;
      }
      if (request.method === 'DELETE') {
        policies.delete(key);
        return noContent;
      }
      const policy = policies.get(key);
      if (policy === undefined) {
        return errorResponse(request, 404, 'ResourceNotFoundException', `No vault access policy is set for: ${name}`);
      }
      return restJson({ Policy: policy });
    }
    const current = tags.get(key) ?? {};
    if (request.method === 'GET') return restJson({ Tags: current });
    const operation = request.query.get('operation');
    if (operation === 'add') {
      tags.set(key, { ...current, ...((parseJson(request) as { Tags?: Record<string, string> }).Tags ?? {}) });
      return noContent;
    }
    if (operation === 'remove') {
      const removed = new Set((parseJson(request) as { TagKeys?: string[] }).TagKeys ?? []);
      tags.set(key, Object.fromEntries(Object.entries(current).filter(([k]) => !removed.has(k))));
      return noContent;
    }
    return undefined;
  };
}

/**
 * MSK (kafka, rest-json): moto 5.2 sends `creationTime` without a time zone
 * (`2026-01-01T00:00:00.123456`), which the SDK rejects as not RFC 3339. Every kafka GET is forwarded
 * to moto and such times get the `Z` AWS sends; everything else passes unchanged.
 */
export function kafkaTimeZoneEmulator(): Emulator {
  return async (request, context) => {
    if (request.service !== 'kafka' || request.method !== 'GET') return undefined;
    const response = await forward(request, context);
    const text = response.body.toString('utf8');
    const fixed = text.replace(
      /("creationTime":\s*")(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)"/g,
      (_, head: string, time: string) => `${head}${time}Z"`,
    );
    return { ...passOn(response), body: fixed };
  };
}

/**
 * RAM `ListResources` and `GetResourcePolicies` (rest-json, `POST /listresources` and
 * `/getresourcepolicies`): moto 5.2 answers 404. Both are derived from what moto does keep, the
 * caller's resource shares and their RESOURCE and PRINCIPAL associations (asked with the caller's own
 * signature): ListResources gives one entry per (resource, share) for live associations, filtered by
 * resourceOwner (SELF; OTHER-ACCOUNTS is empty) and resourceRegionScope; GetResourcePolicies gives the
 * policy RAM generates, one statement per share allowing its principals. Not paged (every answer fits
 * one page in tests). Also fixes two moto gaps in calls it has: share tags (moto drops them: kept here
 * from CreateResourceShare and TagResource, added to GetResourceShares) and the `external` flag of
 * principal associations (always false in moto: computed here, as AWS does, as "an account outside the
 * caller's organization", every other account when there is no organization or the caller may not
 * list its accounts).
 */
export function ramResourcesEmulator(): Emulator {
  const tags = new Map<string, Array<{ key: string; value: string }>>();
  return async (request, context) => {
    if (request.service !== 'ram' || request.method !== 'POST') return undefined;
    const fixed = await ramShareFixes(request, context, tags);
    if (fixed) return fixed;
    if (request.path !== '/listresources' && request.path !== '/getresourcepolicies') return undefined;
    const associations = async (associationType: 'RESOURCE' | 'PRINCIPAL') => {
      const response = await forward(request, context, {
        path: '/getresourceshareassociations',
        body: JSON.stringify({ associationType }),
      });
      if (response.status !== 200) throw Object.assign(new Error('upstream'), { response });
      const parsed = JSON.parse(response.body.toString('utf8')) as {
        resourceShareAssociations?: Array<{ resourceShareArn: string; associatedEntity: string; status: string }>;
      };
      // moto keeps the associations of a deleted share: only those of live shares count.
      const shares = await forward(request, context, {
        path: '/getresourceshares',
        body: JSON.stringify({ resourceOwner: 'SELF' }),
      });
      const live = new Set(
        (
          JSON.parse(shares.body.toString('utf8')) as {
            resourceShares?: Array<{ resourceShareArn: string; status: string }>;
          }
        ).resourceShares
          ?.filter((share) => share.status === 'ACTIVE')
          .map((share) => share.resourceShareArn),
      );
      return (parsed.resourceShareAssociations ?? []).filter(
        (a) => a.status === 'ASSOCIATED' && live.has(a.resourceShareArn),
      );
    };
    let resources: Awaited<ReturnType<typeof associations>>;
    try {
      resources = await associations('RESOURCE');
    } catch (error) {
      return passOn((error as { response: Parameters<typeof passOn>[0] }).response);
    }

    if (request.path === '/listresources') {
      const input = parseJson(request) as {
        resourceOwner?: string;
        resourceRegionScope?: string;
        resourceArns?: string[];
      };
      if (input.resourceOwner !== 'SELF') return restJson({ resources: [] });
      const scope = input.resourceRegionScope ?? 'ALL';
      const listed = resources
        .map((a) => {
          const [, , service = '', region = ''] = a.associatedEntity.split(':');
          const resource = a.associatedEntity.split(':').slice(5).join(':');
          return {
            arn: a.associatedEntity,
            type: `${service}:${resource.split(/[/:]/)[0]}`,
            resourceShareArn: a.resourceShareArn,
            status: 'AVAILABLE',
            resourceRegionScope: region === '' ? 'GLOBAL' : 'REGIONAL',
          };
        })
        .filter((r) => scope === 'ALL' || r.resourceRegionScope === scope)
        .filter((r) => !input.resourceArns || input.resourceArns.includes(r.arn))
        .sort((a, b) => `${a.arn} ${a.resourceShareArn}`.localeCompare(`${b.arn} ${b.resourceShareArn}`));
      return restJson({ resources: listed });
    }

    const { resourceArns = [] } = parseJson(request) as { resourceArns?: string[] };
    let principals: Awaited<ReturnType<typeof associations>>;
    try {
      principals = await associations('PRINCIPAL');
    } catch (error) {
      return passOn((error as { response: Parameters<typeof passOn>[0] }).response);
    }
    const policies = resourceArns.flatMap((arn) => {
      const shares = [
        ...new Set(resources.filter((a) => a.associatedEntity === arn).map((a) => a.resourceShareArn)),
      ].sort();
      if (shares.length === 0) return [];
      const service = arn.split(':')[2] ?? '';
      const statement = shares.map((share, index) => ({
        Sid: `RamStatement${index + 1}`,
        Effect: 'Allow',
        Principal: {
          AWS: principals
            .filter((p) => p.resourceShareArn === share)
            .map((p) => p.associatedEntity)
            .sort(),
        },
        Action: `${service}:*`,
        Resource: arn,
      }));
      return [JSON.stringify({ Version: '2012-10-17', Statement: statement })];
    });
    return restJson({ policies });
  };
}

/** The RAM calls moto has but answers incompletely: share tags and the `external` flag. */
async function ramShareFixes(
  request: ProxyRequest,
  context: EmulatorContext,
  tags: Map<string, Array<{ key: string; value: string }>>,
): Promise<ProxyResponse | undefined> {
  type Tag = { key: string; value: string };
  const merge = (arn: string, added: Tag[] = []) => {
    const byKey = new Map((tags.get(arn) ?? []).map((t) => [t.key, t]));
    for (const tag of added) byKey.set(tag.key, tag);
    tags.set(arn, [...byKey.values()]);
  };
  switch (request.path) {
    case '/createresourceshare': {
      const response = await forward(request, context);
      if (response.status !== 200) return passOn(response);
      const body = JSON.parse(response.body.toString('utf8')) as { resourceShare?: Record<string, unknown> };
      const added = (parseJson(request) as { tags?: Tag[] }).tags ?? [];
      const arn = String(body.resourceShare?.resourceShareArn ?? '');
      merge(arn, added);
      if (body.resourceShare) body.resourceShare.tags = tags.get(arn);
      return restJson(body);
    }
    case '/tagresource': {
      const input = parseJson(request) as { resourceShareArn?: string; resourceArn?: string; tags?: Tag[] };
      merge(String(input.resourceShareArn ?? input.resourceArn ?? ''), input.tags);
      return restJson({});
    }
    case '/getresourceshares': {
      const response = await forward(request, context);
      if (response.status !== 200) return passOn(response);
      const body = JSON.parse(response.body.toString('utf8')) as { resourceShares?: Array<Record<string, unknown>> };
      for (const share of body.resourceShares ?? []) {
        const own = tags.get(String(share.resourceShareArn));
        if (own && own.length > 0) share.tags = own;
      }
      return restJson(body);
    }
    case '/getresourceshareassociations': {
      if ((parseJson(request) as { associationType?: string }).associationType !== 'PRINCIPAL') return undefined;
      const response = await forward(request, context);
      if (response.status !== 200) return passOn(response);
      const body = JSON.parse(response.body.toString('utf8')) as {
        resourceShareAssociations?: Array<{ associatedEntity: string; external?: boolean }>;
      };
      const caller = await callerAccount(request, context);
      const members = await organizationAccounts(request, context);
      for (const association of body.resourceShareAssociations ?? []) {
        const account = /^\d{12}$/.test(association.associatedEntity)
          ? association.associatedEntity
          : /^arn:[^:]+:iam::(\d{12}):/.exec(association.associatedEntity)?.[1];
        // Organization and OU ARNs and service principals are never external.
        association.external = account !== undefined && account !== caller && !members.has(account);
      }
      return restJson(body);
    }
    default:
      return undefined;
  }
}

/** The account ids of the caller's organization (empty when it has none), from moto's Organizations. */
async function organizationAccounts(request: ProxyRequest, context: EmulatorContext): Promise<Set<string>> {
  const token = request.headers['x-amz-security-token'];
  const accounts = new Set<string>();
  let next: string | undefined;
  do {
    const response = await context.upstream({
      method: 'POST',
      path: '/',
      headers: {
        host: String(request.headers.host ?? 'localhost'),
        ...(typeof token === 'string' ? { 'x-amz-security-token': token } : {}),
        authorization: String(request.headers.authorization ?? '').replace(
          /(Credential=[^/]+\/\d{8}\/[^/]+\/)[^/]+\//,
          '$1organizations/',
        ),
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSOrganizationsV20161128.ListAccounts',
      },
      body: JSON.stringify(next ? { NextToken: next } : {}),
    });
    if (response.status !== 200) return accounts; // not in an organization (or not its management account)
    const page = JSON.parse(response.body.toString('utf8')) as { Accounts?: Array<{ Id: string }>; NextToken?: string };
    for (const account of page.Accounts ?? []) accounts.add(account.Id);
    next = page.NextToken;
  } while (next);
  return accounts;
}

/**
 * IAM Identity Center (sso-admin, JSON 1.1): moto 5.2 answers 500 to the tag and permissions-boundary
 * calls, drops the tags given to CreatePermissionSet, and says every permission set is provisioned to
 * the caller's account only. Emulated: ListAccountsForProvisionedPermissionSet (the accounts given to
 * CreateAccountAssignment and ProvisionPermissionSet, as AWS provisions a set where it is assigned);
 * Tag/Untag/ListTagsForResource
 * (instances and permission sets; CreatePermissionSet's tags are kept on the way through) and
 * Put/Get/DeletePermissionsBoundary(For/From)PermissionSet, checked against moto's permission sets
 * (its own error for an unknown set; ResourceNotFoundException, as AWS, for a set without boundary).
 * DeletePermissionSet drops the set's tags and boundary.
 */
export function ssoAdminEmulator(): Emulator {
  const tags = new Map<string, Map<string, string>>();
  const boundaries = new Map<string, unknown>();
  const provisioned = new Map<string, Set<string>>();
  return async (request, context) => {
    if (request.service !== 'sso' || request.protocol !== 'json') return undefined;
    const operation = request.operation.slice('sso:'.length);
    const input = parseJson(request) as {
      InstanceArn?: string;
      ResourceArn?: string;
      PermissionSetArn?: string;
      Tags?: Array<{ Key: string; Value: string }>;
      TagKeys?: string[];
      PermissionsBoundary?: unknown;
    };
    const addTags = (arn: string, added: Array<{ Key: string; Value: string }> = []) => {
      const current = tags.get(arn) ?? new Map<string, string>();
      for (const tag of added) current.set(tag.Key, tag.Value);
      tags.set(arn, current);
    };
    switch (operation) {
      case 'CreatePermissionSet': {
        const response = await forward(request, context);
        if (response.status === 200) {
          const created = JSON.parse(response.body.toString('utf8')) as {
            PermissionSet?: { PermissionSetArn?: string };
          };
          addTags(String(created.PermissionSet?.PermissionSetArn), input.Tags);
        }
        return passOn(response);
      }
      case 'DeletePermissionSet': {
        const arn = String(input.PermissionSetArn);
        tags.delete(arn);
        boundaries.delete(arn);
        provisioned.delete(arn);
        return undefined;
      }
      case 'CreateAccountAssignment':
      case 'ProvisionPermissionSet': {
        const response = await forward(request, context);
        const target = input as { TargetType?: string; TargetId?: string };
        if (response.status === 200 && target.TargetType === 'AWS_ACCOUNT' && target.TargetId) {
          const accounts = provisioned.get(String(input.PermissionSetArn)) ?? new Set<string>();
          accounts.add(target.TargetId);
          provisioned.set(String(input.PermissionSetArn), accounts);
        }
        return passOn(response);
      }
      case 'ListAccountsForProvisionedPermissionSet': {
        const accounts = [...(provisioned.get(String(input.PermissionSetArn)) ?? [])].sort();
        return jsonResponse(request, { AccountIds: accounts });
      }
      case 'TagResource':
        addTags(String(input.ResourceArn), input.Tags);
        return jsonResponse(request, {});
      case 'UntagResource': {
        for (const key of input.TagKeys ?? []) tags.get(String(input.ResourceArn))?.delete(key);
        return jsonResponse(request, {});
      }
      case 'ListTagsForResource': {
        const own = [...(tags.get(String(input.ResourceArn)) ?? new Map<string, string>())];
        return jsonResponse(request, { Tags: own.map(([Key, Value]) => ({ Key, Value })) });
      }
      case 'PutPermissionsBoundaryToPermissionSet':
      case 'GetPermissionsBoundaryForPermissionSet':
      case 'DeletePermissionsBoundaryFromPermissionSet': {
        const exists = await forwardTarget(request, context, 'DescribePermissionSet', {
          InstanceArn: input.InstanceArn,
          PermissionSetArn: input.PermissionSetArn,
        });
        if (exists.status !== 200) return passOn(exists);
        const arn = String(input.PermissionSetArn);
        if (operation === 'PutPermissionsBoundaryToPermissionSet') {
          boundaries.set(arn, input.PermissionsBoundary);
          return jsonResponse(request, {});
        }
        if (operation === 'DeletePermissionsBoundaryFromPermissionSet') {
          boundaries.delete(arn);
          return jsonResponse(request, {});
        }
        if (!boundaries.has(arn)) {
          return errorResponse(request, 400, 'ResourceNotFoundException', 'Permissions boundary not found.');
        }
        return jsonResponse(request, { PermissionsBoundary: boundaries.get(arn) });
      }
      default:
        return undefined;
    }
  };
}

/** Sends another operation of the caller's JSON service to moto, with the caller's own signature. */
function forwardTarget(
  request: ProxyRequest,
  context: EmulatorContext,
  operation: string,
  body: unknown,
): ReturnType<EmulatorContext['upstream']> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'connection' || name === 'content-length') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers['x-amz-target'] = `${target.slice(0, target.lastIndexOf('.') + 1)}${operation}`;
  const text = JSON.stringify(body);
  headers['content-length'] = String(Buffer.byteLength(text));
  return context.upstream({ method: 'POST', path: request.url, headers, body: text });
}

/**
 * Every emulation the apigateway ... sso sources need (Backup, EKS, Glacier, MSK, RAM, Identity
 * Center), for a proxy that collects all services (add them after `defaultEmulators()`).
 */
export function resourcePolicyEmulators(): Emulator[] {
  return [
    backupVaultEmulator(),
    eksAccessEntryEmulator(),
    glacierVaultEmulator(),
    kafkaTimeZoneEmulator(),
    ramResourcesEmulator(),
    ssoAdminEmulator(),
  ];
}
