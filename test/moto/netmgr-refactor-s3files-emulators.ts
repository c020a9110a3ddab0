/**
 * HTTP-level emulations for the Network Manager, Refactor Spaces and S3 Files sources, answered in
 * each service's REST-JSON wire format (errors named by the `x-amzn-errortype` header) so the real
 * SDK clients parse real bytes, and the seeds of the all-services world for the three.
 *
 * moto 5.2 has neither Refactor Spaces nor S3 Files. It holds Network Manager core networks, but with
 * ARNs that lack the empty region field (`arn:aws:networkmanager:<account>:core-network/...`, not
 * AWS's `arn:aws:networkmanager::<account>:...`) and without resource policies; so all three are
 * emulated over a `BacklogState` (tests and seeds add resources to the state directly).
 */
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import type { Emulator, ProxyRequest, ProxyResponse } from './proxy.js';

/** A fixed creation date (epoch seconds, as REST-JSON sends timestamps), so trees stay deterministic. */
const CREATED = Date.parse('2026-01-01T00:00:00Z') / 1000;

function restJson(value: Record<string, unknown>): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(defined) };
}

function restJsonError(status: number, code: string, message: string): ProxyResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
    body: JSON.stringify({ Message: message }),
  };
}

/** One page from a numeric token (the index of the first item). */
function page<T>(items: readonly T[], token: string | null, size: string | null): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const end = start + (size ? Number(size) : 100);
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

/** The decoded path parameter after `prefix` (ARNs arrive URL-encoded), or undefined. */
function pathParameter(request: ProxyRequest, prefix: string, suffix = ''): string | undefined {
  if (!request.path.startsWith(prefix) || !request.path.endsWith(suffix)) return undefined;
  const raw = request.path.slice(prefix.length, request.path.length - suffix.length);
  return raw === '' || raw.includes('/') ? undefined : decodeURIComponent(raw);
}

const tagList = (tags: Record<string, string> | undefined) =>
  Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));

// ---------------------------------------------------------------------------------------------------
// Network Manager

/**
 * Network Manager core networks: ListCoreNetworks (GET /core-networks) from `state` (attributes
 * `{CoreNetworkId, GlobalNetworkId, State, Description, OwnerAccountId?}`, the owner defaulting to the
 * caller, with tags from `state.tags`) and GetResourcePolicy (GET /resource-policy/{arn}) from
 * `state.policies`: no `PolicyDocument` when there is none (the member is optional), 404
 * ResourceNotFoundException for an unknown core network.
 */
export function networkManagerEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'networkmanager' || request.method !== 'GET') return undefined;
    if (request.path === '/core-networks') {
      const account = await callerAccount(request, context);
      const all = state.list(`arn:aws:networkmanager::${account}:core-network/`);
      const { items, next } = page(all, request.query.get('nextToken'), request.query.get('maxResults'));
      return restJson({
        CoreNetworks: items.map((network) => ({
          CoreNetworkArn: network.arn,
          OwnerAccountId: account,
          ...network.attributes,
          Tags: tagList(state.tags.get(network.arn)),
        })),
        NextToken: next,
      });
    }
    const arn = pathParameter(request, '/resource-policy/');
    if (arn === undefined) return undefined;
    if (!state.resources.has(arn)) {
      return restJsonError(404, 'ResourceNotFoundException', `Resource ${arn} not found`);
    }
    return restJson({ PolicyDocument: state.policies.get(arn) });
  };
}

// ---------------------------------------------------------------------------------------------------
// Refactor Spaces

/**
 * Refactor Spaces environments: ListEnvironments (GET /environments) from `state` (attributes
 * `{EnvironmentId, Name, Description?, NetworkFabricType, State, OwnerAccountId?}`, tags as a map
 * from `state.tags`) and GetResourcePolicy (GET /resourcepolicy/{identifier}, an environment ARN)
 * from `state.policies`: no `Policy` when there is none, 404 ResourceNotFoundException for an unknown
 * environment.
 */
export function refactorSpacesEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'refactor-spaces' || request.method !== 'GET') return undefined;
    if (request.path === '/environments') {
      const account = await callerAccount(request, context);
      const all = state.list(`arn:aws:refactor-spaces:${request.region}:${account}:environment/`);
      const { items, next } = page(all, request.query.get('nextToken'), request.query.get('maxResults'));
      return restJson({
        EnvironmentSummaryList: items.map((environment) => ({
          Arn: environment.arn,
          OwnerAccountId: account,
          CreatedTime: CREATED,
          LastUpdatedTime: CREATED,
          ...environment.attributes,
          Tags: state.tags.get(environment.arn),
        })),
        NextToken: next,
      });
    }
    const arn = pathParameter(request, '/resourcepolicy/');
    if (arn === undefined) return undefined;
    if (!state.resources.has(arn)) {
      return restJsonError(404, 'ResourceNotFoundException', `Environment ${arn} not found`);
    }
    return restJson({ Policy: state.policies.get(arn) });
  };
}

// ---------------------------------------------------------------------------------------------------
// S3 Files

/**
 * S3 Files file systems: ListFileSystems (GET /file-systems) from `state` (attributes
 * `{fileSystemId, name?, bucket, roleArn, status}`); GetFileSystemPolicy (GET
 * /file-systems/{id}/policy) from `state.policies` (404 ResourceNotFoundException when there is
 * none: the response's `policy` member is required); ListTagsForResource (GET /resource-tags/{id or
 * arn}) from `state.tags`, as `[{key, value}]`.
 */
export function s3filesEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 's3files' || request.method !== 'GET') return undefined;
    const prefix = `arn:aws:s3files:${request.region}:${await callerAccount(request, context)}:file-system/`;
    const byId = (idOrArn: string) => state.resources.get(idOrArn.startsWith('arn:') ? idOrArn : `${prefix}${idOrArn}`);
    const notFound = (id: string) => restJsonError(404, 'ResourceNotFoundException', `File system ${id} not found`);
    if (request.path === '/file-systems') {
      const { items, next } = page(state.list(prefix), request.query.get('nextToken'), request.query.get('maxResults'));
      const owner = prefix.split(':')[4];
      return restJson({
        fileSystems: items.map((fileSystem) => ({
          fileSystemArn: fileSystem.arn,
          ownerId: owner,
          creationTime: CREATED,
          ...fileSystem.attributes,
        })),
        nextToken: next,
      });
    }
    const policyOf = pathParameter(request, '/file-systems/', '/policy');
    if (policyOf !== undefined) {
      const fileSystem = byId(policyOf);
      const policy = fileSystem ? state.policies.get(fileSystem.arn) : undefined;
      if (!fileSystem || policy === undefined) {
        return restJsonError(404, 'ResourceNotFoundException', `No file system policy for ${policyOf}`);
      }
      return restJson({ fileSystemId: fileSystem.attributes.fileSystemId, policy });
    }
    const tagged = pathParameter(request, '/resource-tags/');
    if (tagged !== undefined) {
      const fileSystem = byId(tagged);
      if (!fileSystem) return notFound(tagged);
      const tags = Object.entries(state.tags.get(fileSystem.arn) ?? {}).map(([key, value]) => ({ key, value }));
      const { items, next } = page(tags, request.query.get('NextToken'), request.query.get('MaxResults'));
      return restJson({ tags: items, nextToken: next });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Seeds of the all-services world

/** A policy letting the account 111122223333 use `resource` with `actions` (RAM's shape). */
function sharedWith(resource: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: actions, Resource: resource },
    ],
  });
}

/** One core network per account (Network Manager is global), with a resource policy and a `seeded` tag. */
export function seedNetworkManager(target: { account: string }, state: BacklogState): void {
  const id = 'core-network-0seeded0123456789';
  const arn = `arn:aws:networkmanager::${target.account}:core-network/${id}`;
  state.add(
    arn,
    { CoreNetworkId: id, GlobalNetworkId: 'global-network-0seeded0123456789', State: 'AVAILABLE' },
    {
      policy: sharedWith(arn, ['networkmanager:CreateAttachment', 'networkmanager:GetCoreNetwork']),
      tags: { seeded: 'true' },
    },
  );
}

/**
 * In every region of the target: a Refactor Spaces environment and an S3 Files file system, each
 * with a resource policy and a `seeded: "true"` tag.
 */
export function seedRefactorSpacesAndS3Files(
  target: { account: string; regions: string[] },
  state: BacklogState,
): void {
  for (const region of target.regions) {
    const environment = `arn:aws:refactor-spaces:${region}:${target.account}:environment/env-seeded0123`;
    state.add(
      environment,
      { EnvironmentId: 'env-seeded0123', Name: 'seeded', NetworkFabricType: 'TRANSIT_GATEWAY', State: 'ACTIVE' },
      {
        policy: sharedWith(environment, ['refactor-spaces:CreateApplication', 'refactor-spaces:GetEnvironment']),
        tags: { seeded: 'true' },
      },
    );
    const fileSystem = `arn:aws:s3files:${region}:${target.account}:file-system/fs-0seeded0123456789`;
    state.add(
      fileSystem,
      {
        fileSystemId: 'fs-0seeded0123456789',
        name: 'seeded',
        bucket: `arn:aws:s3:::seeded-${target.account}-${region}`,
        roleArn: `arn:aws:iam::${target.account}:role/seeded-s3files`,
        status: 'available',
      },
      {
        policy: sharedWith(fileSystem, ['s3files:ClientMount', 's3files:ClientWrite']),
        tags: { seeded: 'true' },
      },
    );
  }
}
