/**
 * HTTP-level emulations of CloudWatch RUM app monitors and AWS Entity Resolution (matching workflows,
 * ID mapping workflows, ID namespaces), which moto 5.2 lacks entirely, answered in both services'
 * wire format (REST-JSON) so the real SDK clients parse real bytes; and their seeds for the
 * all-services world.
 *
 * Resources live in a `BacklogState` that tests fill directly (the collector only reads, so only the
 * read calls are emulated):
 * - RUM: `arn:aws:rum:<region>:<account>:appmonitor/<name>`, attributes as ListAppMonitors returns
 *   them (`{Id, State, Platform, Created, LastModified}`);
 * - Entity Resolution: `arn:aws:entityresolution:<region>:<account>:<matchingworkflow|
 *   idmappingworkflow|idnamespace>/<name>`, attributes as the List* calls return them besides name
 *   and ARN (`createdAt`/`updatedAt` in epoch seconds, `resolutionType`, `type`, `description`).
 */
import { createHash } from 'node:crypto';
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';

/** A REST-JSON answer; undefined members left out, as AWS does. */
function json(value: Record<string, unknown>): ProxyResponse {
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(defined) };
}

/** One page from the query's numeric token (the index of the first item) and page size. */
function page<T>(items: readonly T[], request: ProxyRequest, limit: number): { items: T[]; next: string | undefined } {
  const token = request.query.get('nextToken') ?? '';
  const size = Number(request.query.get('maxResults') ?? limit);
  const start = token === '' ? 0 : Number(token);
  const end = start + (size > 0 ? size : limit);
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

/** A revision id that depends on the document only, so collected trees repeat run after run. */
function revisionOf(document: string): string {
  return createHash('sha256').update(document).digest('hex').slice(0, 32);
}

/** The name in an ARN whose resource part is `<type>/<name>`. */
const nameOf = (arn: string) => arn.slice(arn.indexOf('/') + 1);

// ---------------------------------------------------------------------------------------------------
// CloudWatch RUM

/**
 * RUM over `state`: ListAppMonitors (POST /appmonitors, 100 a page at most), GetResourcePolicy
 * (`{PolicyDocument, PolicyRevisionId}`; ResourceNotFoundException without the monitor,
 * PolicyNotFoundException without a policy, both 404 as AWS sends them) and ListTagsForResource.
 */
export function rumEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'rum') return undefined;
    const prefix = `arn:aws:rum:${request.region}:${await callerAccount(request, context)}:appmonitor/`;
    if (request.method === 'POST' && request.path === '/appmonitors') {
      const { items, next } = page(state.list(prefix), request, 50);
      return json({
        AppMonitorSummaries: items.map((monitor) => ({ Name: nameOf(monitor.arn), ...monitor.attributes })),
        NextToken: next,
      });
    }
    const policyPath = /^\/appmonitor\/([^/]+)\/policy$/.exec(request.path);
    if (request.method === 'GET' && policyPath) {
      const arn = `${prefix}${decodeURIComponent(policyPath[1] ?? '')}`;
      if (!state.resources.has(arn)) {
        return errorResponse(request, 404, 'ResourceNotFoundException', `App monitor ${arn} not found`);
      }
      const policy = state.policies.get(arn);
      return policy === undefined
        ? errorResponse(request, 404, 'PolicyNotFoundException', `No policy for app monitor ${arn}`)
        : json({ PolicyDocument: policy, PolicyRevisionId: revisionOf(policy) });
    }
    if (request.method === 'GET' && request.path.startsWith('/tags/')) {
      const arn = decodeURIComponent(request.path.slice('/tags/'.length));
      if (!state.resources.has(arn))
        return errorResponse(request, 404, 'ResourceNotFoundException', `${arn} not found`);
      return json({ ResourceArn: arn, Tags: state.tags.get(arn) ?? {} });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// AWS Entity Resolution

/** List path -> the ARN's resource type, the summaries' member, and the name and ARN members. */
const ENTITY_RESOLUTION_LISTINGS: Readonly<
  Record<string, { type: string; member: string; name: string; arn: string }>
> = {
  '/matchingworkflows': {
    type: 'matchingworkflow',
    member: 'workflowSummaries',
    name: 'workflowName',
    arn: 'workflowArn',
  },
  '/idmappingworkflows': {
    type: 'idmappingworkflow',
    member: 'workflowSummaries',
    name: 'workflowName',
    arn: 'workflowArn',
  },
  '/idnamespaces': {
    type: 'idnamespace',
    member: 'idNamespaceSummaries',
    name: 'idNamespaceName',
    arn: 'idNamespaceArn',
  },
};

/**
 * Entity Resolution over `state`: ListMatchingWorkflows, ListIdMappingWorkflows, ListIdNamespaces
 * (25 a page at most), GetPolicy (`{arn, token, policy}`, without `policy` when the resource has
 * none; ResourceNotFoundException without the resource) and ListTagsForResource (`{tags}`).
 */
export function entityResolutionEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'entityresolution' || request.method !== 'GET') return undefined;
    const notFound = (arn: string) => errorResponse(request, 404, 'ResourceNotFoundException', `${arn} not found`);
    const listing = ENTITY_RESOLUTION_LISTINGS[request.path];
    if (listing) {
      const account = await callerAccount(request, context);
      const prefix = `arn:aws:entityresolution:${request.region}:${account}:${listing.type}/`;
      const { items, next } = page(state.list(prefix), request, 25);
      return json({
        [listing.member]: items.map((resource) => ({
          [listing.name]: nameOf(resource.arn),
          [listing.arn]: resource.arn,
          ...resource.attributes,
        })),
        nextToken: next,
      });
    }
    if (request.path.startsWith('/policies/')) {
      const arn = decodeURIComponent(request.path.slice('/policies/'.length));
      if (!state.resources.has(arn)) return notFound(arn);
      const policy = state.policies.get(arn);
      return json({ arn, token: revisionOf(policy ?? ''), policy });
    }
    if (request.path.startsWith('/tags/')) {
      const arn = decodeURIComponent(request.path.slice('/tags/'.length));
      if (!state.resources.has(arn)) return notFound(arn);
      return json({ tags: state.tags.get(arn) ?? {} });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Seeds of the all-services world

/** A policy letting the account 111122223333 use `resource` with `actions`. */
function sharedWith(resource: string, actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: actions, Resource: resource },
    ],
  });
}

/** In every region of the target: a RUM app monitor (in `state`) with a resource policy and a `seeded: "true"` tag. */
export function seedRum(target: { account: string; regions: string[] }, state: BacklogState): void {
  for (const region of target.regions) {
    const arn = `arn:aws:rum:${region}:${target.account}:appmonitor/seeded-web`;
    const attributes = {
      Id: '11111111-2222-3333-4444-555555555555',
      State: 'ACTIVE',
      Platform: 'Web',
      Created: '2024-01-01T00:00:00.000Z',
      LastModified: '2024-01-01T00:00:00.000Z',
    };
    state.add(arn, attributes, { policy: sharedWith(arn, ['rum:PutRumEvents']), tags: { seeded: 'true' } });
  }
}

/**
 * In every region of the target: an Entity Resolution matching workflow, ID mapping workflow and ID
 * namespace (in `state`), each with a resource policy and a `seeded: "true"` tag.
 */
export function seedEntityResolution(target: { account: string; regions: string[] }, state: BacklogState): void {
  const dates = { createdAt: 1700000000, updatedAt: 1700000000 };
  for (const region of target.regions) {
    const base = `arn:aws:entityresolution:${region}:${target.account}:`;
    const resources: Array<[string, Record<string, unknown>, string[]]> = [
      [
        `${base}matchingworkflow/seeded-matching`,
        { ...dates, resolutionType: 'RULE_MATCHING' },
        ['entityresolution:GetMatchingWorkflow'],
      ],
      [`${base}idmappingworkflow/seeded-mapping`, dates, ['entityresolution:StartIdMappingJob']],
      [`${base}idnamespace/seeded-namespace`, { ...dates, type: 'SOURCE' }, ['entityresolution:GetIdNamespace']],
    ];
    for (const [arn, attributes, actions] of resources) {
      state.add(arn, attributes, { policy: sharedWith(arn, actions), tags: { seeded: 'true' } });
    }
  }
}
