/**
 * HTTP-level emulations for the resource-policy services iam-collect's users are waiting for
 * (logs ... route53resolver sources, issue 5), where moto 5.2 lacks an API or gets its wire format
 * wrong. Each answers in the service's own protocol (JSON 1.1 with X-Amz-Target, rest-json, or
 * query/XML), so the real SDK clients parse real bytes.
 *
 * Services moto lacks entirely keep their resources in a `BacklogState` that the tests seed directly
 * (the collector only reads, so the write APIs need no emulation). Services moto holds but whose
 * policy (or tag) API it lacks keep only those policies (or tags) there, by ARN.
 */
import { createHash } from 'node:crypto';
import { callerAccount } from './emulators.js';
import { type Emulator, type EmulatorContext, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';

/** One emulated resource: its attributes as the service's list call returns them (wire names). */
export interface EmulatedResource {
  readonly arn: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** What the emulations serve: resources of fully emulated services, and policies and tags by ARN. */
export class BacklogState {
  readonly resources = new Map<string, EmulatedResource>();
  /** Resource policy documents (JSON text) by resource ARN. */
  readonly policies = new Map<string, string>();
  /** Tags by resource ARN. */
  readonly tags = new Map<string, Record<string, string>>();

  /** Adds (or replaces) a resource, with an optional policy and tags. */
  add(
    arn: string,
    attributes: Record<string, unknown>,
    extra: { policy?: unknown; tags?: Record<string, string> } = {},
  ): void {
    this.resources.set(arn, { arn, attributes });
    if (extra.policy !== undefined) this.setPolicy(arn, extra.policy);
    if (extra.tags) this.tags.set(arn, extra.tags);
  }

  setPolicy(arn: string, policy: unknown): void {
    this.policies.set(arn, typeof policy === 'string' ? policy : JSON.stringify(policy));
  }

  /** Removes a resource with its policy and tags. */
  remove(arn: string): void {
    this.resources.delete(arn);
    this.policies.delete(arn);
    this.tags.delete(arn);
  }

  /** The resources whose ARN starts with `prefix`, sorted by ARN (as AWS lists them: stable order). */
  list(prefix: string): EmulatedResource[] {
    return [...this.resources.values()].filter((r) => r.arn.startsWith(prefix)).sort((a, b) => cmp(a.arn, b.arn));
  }
}

/** `arn:aws:<service>:<region>:<caller account>:`: the ARN prefix of the caller's resources in the request's region. */
async function callerPrefix(
  request: ProxyRequest,
  context: EmulatorContext,
  service: string,
  regional = true,
): Promise<string> {
  return `arn:aws:${service}:${regional ? request.region : ''}:${await callerAccount(request, context)}:`;
}

/** One page of `items` from a numeric token (the index of the first item), as the services page. */
function page<T>(items: readonly T[], token: unknown, size: number): { items: T[]; next: string | undefined } {
  const start = typeof token === 'string' && token !== '' ? Number(token) : 0;
  const end = start + size;
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function body(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A JSON 1.0/1.1 answer, in the request's own content type. */
function awsJson(request: ProxyRequest, value: unknown): ProxyResponse {
  const contentType = String(request.headers['content-type'] ?? 'application/x-amz-json-1.1');
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(value) };
}

/** A rest-json answer. */
function restJson(value: unknown): ProxyResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

/** Drops undefined members, as AWS leaves out unset ones. */
function defined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** `{k: v}` -> `[{Key: k, Value: v}]`, with the member names the service uses. */
function tagList(
  tags: Record<string, string> | undefined,
  key = 'Key',
  value = 'Value',
): Array<Record<string, string>> {
  return Object.entries(tags ?? {}).map(([k, v]) => ({ [key]: k, [value]: v }));
}

/** Sends the caller's request to moto as another method, path or body (moto does not check signatures). */
function forward(
  request: ProxyRequest,
  context: EmulatorContext,
  changes: { method?: string; path?: string; body?: string } = {},
): Promise<ProxyResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'connection' || name === 'content-length') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const sent = changes.body ?? request.body;
  headers['content-length'] = String(Buffer.byteLength(sent));
  return context
    .upstream({ method: changes.method ?? request.method, path: changes.path ?? request.url, headers, body: sent })
    .then((response) => ({
      status: response.status,
      headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') },
      body: response.body,
    }));
}

// ---------------------------------------------------------------------------------------------------
// SES v2

/**
 * SES v2 `ListEmailIdentities`: the SDK now sends `POST /v2/email/list-identities` with a JSON body,
 * which moto 5.2 does not route (404); moto answers the classic `GET /v2/email/identities`, so the
 * request is forwarded in that form. PageSize is left out: moto 5.2 fails on it (it adds the text to a
 * number) and pages by its own default size, with working NextTokens.
 */
export function sesListIdentitiesEmulator(): Emulator {
  return (request, context) => {
    if (request.service !== 'ses' || request.method !== 'POST' || request.path !== '/v2/email/list-identities') {
      return undefined;
    }
    const input = body(request);
    const query = new URLSearchParams();
    if (typeof input.NextToken === 'string') query.set('NextToken', input.NextToken);
    const search = query.size > 0 ? `?${query}` : '';
    return forward(request, context, { method: 'GET', path: `/v2/email/identities${search}`, body: '' });
  };
}

// ---------------------------------------------------------------------------------------------------
// CodeBuild (JSON 1.1, target CodeBuild_20161006.*)

/**
 * CodeBuild: moto 5.2 holds projects but answers 500 to GetResourcePolicy, and lacks report groups.
 * Emulated: GetResourcePolicy for any ARN (ResourceNotFoundException, as AWS, when there is none),
 * ListReportGroups (pages of `maxResults`, default 100) and BatchGetReportGroups over the report
 * groups in `state` (`arn:aws:codebuild:<region>:<account>:report-group/<name>`, attributes as
 * BatchGetReportGroups returns them, tags from `state.tags`).
 */
export function codebuildEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'codebuild') return undefined;
    const input = body(request);
    switch (request.operation) {
      case 'codebuild:GetResourcePolicy': {
        const policy = state.policies.get(String(input.resourceArn));
        if (policy === undefined) {
          return errorResponse(request, 400, 'ResourceNotFoundException', 'Resource policy does not exist');
        }
        return awsJson(request, { policy });
      }
      case 'codebuild:ListReportGroups': {
        const groups = state.list(`${await callerPrefix(request, context, 'codebuild')}report-group/`);
        const size = typeof input.maxResults === 'number' ? input.maxResults : 100;
        const { items, next } = page(groups, input.nextToken, size);
        return awsJson(request, defined({ reportGroups: items.map((g) => g.arn), nextToken: next }));
      }
      case 'codebuild:BatchGetReportGroups': {
        const arns = (input.reportGroupArns as string[] | undefined) ?? [];
        const found = arns.flatMap((arn) => {
          const group = state.resources.get(arn);
          if (!group) return [];
          const tags = tagList(state.tags.get(arn), 'key', 'value');
          return [{ ...group.attributes, arn, ...(tags.length > 0 ? { tags } : {}) }];
        });
        const missing = arns.filter((arn) => !state.resources.has(arn));
        return awsJson(request, { reportGroups: found, reportGroupsNotFound: missing });
      }
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// CodeArtifact (rest-json)

/**
 * CodeArtifact, which moto 5.2 lacks: ListDomains, ListRepositories, Get{Domain,Repository}PermissionsPolicy
 * and ListTagsForResource over the domains (`domain/<name>`) and repositories
 * (`repository/<domain>/<name>`) in `state`, whose attributes are the list calls' summaries.
 * ResourceNotFoundException (404), as AWS, for an unknown resource or one without a policy.
 */
export function codeartifactEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'codeartifact') return undefined;
    const notFound = (what: string) => errorResponse(request, 404, 'ResourceNotFoundException', `${what} not found`);
    const input = body(request);
    const list = async (kind: 'domain' | 'repository', key: string) => {
      const prefix = `${await callerPrefix(request, context, 'codeartifact')}${kind}/`;
      const size = typeof input.maxResults === 'number' ? input.maxResults : 50;
      const { items, next } = page(state.list(prefix), input.nextToken, size);
      return restJson(defined({ [key]: items.map((r) => ({ ...r.attributes, arn: r.arn })), nextToken: next }));
    };
    const policy = (arn: string) => {
      const document = state.policies.get(arn);
      if (!state.resources.has(arn) || document === undefined) return notFound(`Permissions policy of ${arn}`);
      return restJson({ policy: { resourceArn: arn, revision: 'rev-1', document } });
    };
    const q = request.query;
    const arnIn = (owner: string | null, path: string) =>
      `arn:aws:codeartifact:${request.region}:${owner ?? ''}:${path}`;
    if (request.method === 'POST' && request.path === '/v1/domains') return list('domain', 'domains');
    if (request.method === 'POST' && request.path === '/v1/repositories') return list('repository', 'repositories');
    if (request.method === 'GET' && request.path === '/v1/domain/permissions/policy') {
      return policy(arnIn(q.get('domain-owner'), `domain/${q.get('domain')}`));
    }
    if (request.method === 'GET' && request.path === '/v1/repository/permissions/policy') {
      return policy(arnIn(q.get('domain-owner'), `repository/${q.get('domain')}/${q.get('repository')}`));
    }
    if (request.method === 'POST' && request.path === '/v1/tags') {
      const arn = q.get('resourceArn') ?? '';
      if (!state.resources.has(arn)) return notFound(arn);
      return restJson({ tags: tagList(state.tags.get(arn), 'key', 'value') });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// IoT (rest-json)

/** IoT `ListTagsForResource` (`GET /tags?resourceArn=`), which moto 5.2 answers with a 500: tags from `state.tags`. */
export function iotTagsEmulator(state: BacklogState): Emulator {
  return (request) => {
    if (request.service !== 'iot' || request.method !== 'GET' || request.path !== '/tags') return undefined;
    return restJson({ tags: tagList(state.tags.get(request.query.get('resourceArn') ?? '')) });
  };
}

// ---------------------------------------------------------------------------------------------------
// Redshift (query protocol, XML answers)

/** The namespace ARN the emulation gives a provisioned cluster: a UUID derived from account, region and name. */
export function redshiftNamespaceArn(account: string, region: string, clusterIdentifier: string): string {
  const hex = createHash('sha256').update(`${account}/${region}/${clusterIdentifier}`).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return `arn:aws:redshift:${region}:${account}:namespace:${uuid}`;
}

/**
 * Redshift: moto 5.2's DescribeClusters leaves out ClusterNamespaceArn, and GetResourcePolicy is not
 * implemented (500). DescribeClusters is forwarded to moto and each cluster gets its namespace ARN
 * (`redshiftNamespaceArn`); GetResourcePolicy answers from `state.policies` by namespace ARN, or
 * ResourceNotFoundFault (404) as AWS does when there is none.
 */
export function redshiftEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'redshift') return undefined;
    if (request.operation === 'redshift:DescribeClusters') {
      const account = await callerAccount(request, context);
      const answer = await forward(request, context);
      if (answer.status !== 200) return answer;
      const xml = String(answer.body).replace(
        /<ClusterIdentifier>([^<]+)<\/ClusterIdentifier>/g,
        (whole, id: string) =>
          `${whole}<ClusterNamespaceArn>${redshiftNamespaceArn(account, request.region, id)}</ClusterNamespaceArn>`,
      );
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: xml };
    }
    if (request.operation === 'redshift:GetResourcePolicy') {
      const arn = new URLSearchParams(request.body.toString('utf8')).get('ResourceArn') ?? '';
      const policy = state.policies.get(arn);
      if (policy === undefined) {
        return errorResponse(request, 404, 'ResourceNotFoundFault', `Resource policy of ${arn} not found`);
      }
      return {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body:
          '<GetResourcePolicyResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/"><GetResourcePolicyResult>' +
          `<ResourcePolicy><ResourceArn>${xmlText(arn)}</ResourceArn><Policy>${xmlText(policy)}</Policy></ResourcePolicy>` +
          '</GetResourcePolicyResult><ResponseMetadata><RequestId>backlog-emulator</RequestId></ResponseMetadata>' +
          '</GetResourcePolicyResponse>',
      };
    }
    return undefined;
  };
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// ---------------------------------------------------------------------------------------------------
// Redshift Serverless (JSON 1.1, target RedshiftServerless.*)

/**
 * Redshift Serverless, which moto 5.2 lacks: ListNamespaces and ListSnapshots (the caller's own)
 * over the `namespace/<id>` and `snapshot/<id>` resources in `state` (attributes as the list calls
 * return them), GetResourcePolicy (ResourceNotFoundException when there is none) and
 * ListTagsForResource. Namespace policies are Redshift's own API: see `redshiftEmulator`.
 */
export function redshiftServerlessEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'redshift-serverless') return undefined;
    const input = body(request);
    const list = async (kind: string, key: string) => {
      const resources = state.list(`${await callerPrefix(request, context, 'redshift-serverless')}${kind}/`);
      const size = typeof input.maxResults === 'number' ? input.maxResults : 100;
      const { items, next } = page(resources, input.nextToken, size);
      return awsJson(request, defined({ [key]: items.map((r) => r.attributes), nextToken: next }));
    };
    switch (request.operation) {
      case 'redshift-serverless:ListNamespaces':
        return list('namespace', 'namespaces');
      case 'redshift-serverless:ListSnapshots':
        return list('snapshot', 'snapshots');
      case 'redshift-serverless:GetResourcePolicy': {
        const arn = String(input.resourceArn);
        const policy = state.policies.get(arn);
        if (!state.resources.has(arn) || policy === undefined) {
          return errorResponse(request, 400, 'ResourceNotFoundException', `Resource policy of ${arn} not found`);
        }
        return awsJson(request, { resourcePolicy: { resourceArn: arn, policy } });
      }
      case 'redshift-serverless:ListTagsForResource':
        return awsJson(request, { tags: tagList(state.tags.get(String(input.resourceArn)), 'key', 'value') });
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// CloudTrail (JSON 1.1, target CloudTrail_20131101.*)

/**
 * CloudTrail Lake, which moto 5.2 lacks (it knows trails only): ListEventDataStores, ListChannels and
 * ListDashboards over the `eventdatastore/`, `channel/` and `dashboard/` resources in `state`
 * (attributes as the list calls return them), GetResourcePolicy (ResourcePolicyNotFoundException when
 * there is none; a `delegatedAdminPolicies` entry adds DelegatedAdminResourcePolicy), and ListTags
 * when every ARN asked about is one of these (trails' tags stay moto's).
 */
export function cloudtrailEmulator(state: BacklogState, delegatedAdminPolicies = new Map<string, string>()): Emulator {
  const kinds: Record<string, [string, string, string]> = {
    'cloudtrail:ListEventDataStores': ['eventdatastore', 'EventDataStores', 'EventDataStoreArn'],
    'cloudtrail:ListChannels': ['channel', 'Channels', 'ChannelArn'],
    'cloudtrail:ListDashboards': ['dashboard', 'Dashboards', 'DashboardArn'],
  };
  const lakeArn = /^arn:aws:cloudtrail:[^:]*:\d{12}:(eventdatastore|channel|dashboard)\//;
  return async (request, context) => {
    if (request.service !== 'cloudtrail') return undefined;
    const input = body(request);
    const kind = kinds[request.operation];
    if (kind) {
      const [type, key, arnKey] = kind;
      const resources = state.list(`${await callerPrefix(request, context, 'cloudtrail')}${type}/`);
      const size = typeof input.MaxResults === 'number' ? input.MaxResults : 1000;
      const { items, next } = page(resources, input.NextToken, size);
      return awsJson(
        request,
        defined({ [key]: items.map((r) => ({ [arnKey]: r.arn, ...r.attributes })), NextToken: next }),
      );
    }
    if (request.operation === 'cloudtrail:GetResourcePolicy') {
      const arn = String(input.ResourceArn);
      const policy = state.policies.get(arn);
      if (!state.resources.has(arn) || policy === undefined) {
        return errorResponse(request, 400, 'ResourcePolicyNotFoundException', `No resource policy for ${arn}`);
      }
      return awsJson(
        request,
        defined({
          ResourceArn: arn,
          ResourcePolicy: policy,
          DelegatedAdminResourcePolicy: delegatedAdminPolicies.get(arn),
        }),
      );
    }
    if (request.operation === 'cloudtrail:ListTags') {
      const arns = (input.ResourceIdList as string[] | undefined) ?? [];
      if (arns.length === 0 || !arns.every((arn) => lakeArn.test(arn))) return undefined;
      return awsJson(request, {
        ResourceTagList: arns.map((arn) => ({ ResourceId: arn, TagsList: tagList(state.tags.get(arn)) })),
      });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// EventBridge Schemas (rest-json)

/**
 * EventBridge Schemas, which moto 5.2 lacks: ListRegistries (scope LOCAL: the caller's `registry/`
 * resources in `state`, with their tags, which travel as `tags`) and GetResourcePolicy (`Policy` as JSON text, as AWS sends
 * it; NotFoundException when there is none).
 */
export function schemasEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'schemas' || request.method !== 'GET') return undefined;
    if (request.path === '/v1/registries') {
      const registries = state.list(`${await callerPrefix(request, context, 'schemas')}registry/`);
      const { items, next } = page(
        registries,
        request.query.get('nextToken'),
        Number(request.query.get('limit') ?? 100),
      );
      return restJson(
        defined({
          Registries: items.map((r) => ({ RegistryArn: r.arn, ...r.attributes, tags: state.tags.get(r.arn) ?? {} })),
          NextToken: next,
        }),
      );
    }
    if (request.path === '/v1/policy') {
      const arn = `${await callerPrefix(request, context, 'schemas')}registry/${request.query.get('registryName')}`;
      const policy = state.policies.get(arn);
      if (!state.resources.has(arn) || policy === undefined) {
        return errorResponse(request, 404, 'NotFoundException', `Resource policy of ${arn} not found`);
      }
      return restJson({ Policy: policy, RevisionId: 'revision-1' });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Lex V2 (rest-json)

/**
 * Lex V2 model building. moto 5.2 routes only paths with a trailing slash (the SDK sends none), sends
 * timestamps the SDK cannot read and fails (500) on an ARN without a policy, so all of it is emulated:
 * ListBots and ListBotAliases over the `bot/<id>` and `bot-alias/<bot>/<alias>` resources in `state`
 * (attributes as the list calls return them), DescribeResourcePolicy (ResourceNotFoundException when
 * there is none) and ListTagsForResource.
 */
export function lexEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'lex') return undefined;
    const input = body(request);
    const list = async (path: string, key: string, extra: Record<string, unknown> = {}) => {
      const resources = state.list(`${await callerPrefix(request, context, 'lex')}${path}`);
      const size = typeof input.maxResults === 'number' ? input.maxResults : 10;
      const { items, next } = page(resources, input.nextToken, size);
      return restJson(defined({ [key]: items.map((r) => r.attributes), nextToken: next, ...extra }));
    };
    if (request.method === 'POST' && request.path === '/bots') return list('bot/', 'botSummaries');
    const aliases = /^\/bots\/([^/]+)\/botaliases$/.exec(request.path);
    if (request.method === 'POST' && aliases?.[1]) {
      const botId = decodeURIComponent(aliases[1]);
      return list(`bot-alias/${botId}/`, 'botAliasSummaries', { botId });
    }
    const policy = /^\/policy\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && policy?.[1]) {
      const arn = decodeURIComponent(policy[1]);
      const document = state.policies.get(arn);
      if (!state.resources.has(arn) || document === undefined) {
        return errorResponse(request, 404, 'ResourceNotFoundException', `No resource policy for ${arn}`);
      }
      return restJson({ resourceArn: arn, policy: document, revisionId: '1' });
    }
    const tags = /^\/tags\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && tags?.[1]) {
      return restJson({ tags: state.tags.get(decodeURIComponent(tags[1])) ?? {} });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Serverless Application Repository (rest-json, camelCase members)

/**
 * Serverless Application Repository, which moto 5.2 lacks: ListApplications over the caller's
 * `applications/<name>` resources in `state` (attributes as the listing returns them) and
 * GetApplicationPolicy, whose statements are `state.policies` (a JSON array of SAR statements);
 * NotFoundException for an unknown application, and no statements for one without a policy, as AWS.
 */
export function serverlessrepoEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'serverlessrepo' || request.method !== 'GET') return undefined;
    if (request.path === '/applications') {
      const applications = state.list(`${await callerPrefix(request, context, 'serverlessrepo')}applications/`);
      const size = Number(request.query.get('maxItems') ?? 100);
      const { items, next } = page(applications, request.query.get('nextToken'), size);
      return restJson(
        defined({ applications: items.map((a) => ({ applicationId: a.arn, ...a.attributes })), nextToken: next }),
      );
    }
    const policy = /^\/applications\/([^/]+)\/policy$/.exec(request.path);
    if (policy?.[1]) {
      const arn = decodeURIComponent(policy[1]);
      if (!state.resources.has(arn)) {
        return errorResponse(request, 404, 'NotFoundException', `Application ${arn} not found`);
      }
      return restJson({ statements: JSON.parse(state.policies.get(arn) ?? '[]') });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Incident Manager: SSM Contacts (JSON 1.1, target SSMContacts.*) and SSM Incidents (rest-json)

/**
 * Incident Manager contacts, which moto 5.2 lacks: ListContacts over the caller's `contact/<alias>`
 * resources in `state` (attributes as the listing returns them), GetContactPolicy (an empty policy
 * when there is none; ResourceNotFoundException for an unknown contact) and ListTagsForResource.
 */
export function ssmContactsEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'ssm-contacts') return undefined;
    const input = body(request);
    switch (request.operation) {
      case 'ssm-contacts:ListContacts': {
        const contacts = state.list(`${await callerPrefix(request, context, 'ssm-contacts')}contact/`);
        const size = typeof input.MaxResults === 'number' ? input.MaxResults : 100;
        const { items, next } = page(contacts, input.NextToken, size);
        return awsJson(
          request,
          defined({ Contacts: items.map((c) => ({ ContactArn: c.arn, ...c.attributes })), NextToken: next }),
        );
      }
      case 'ssm-contacts:GetContactPolicy': {
        const arn = String(input.ContactArn);
        if (!state.resources.has(arn))
          return errorResponse(request, 400, 'ResourceNotFoundException', `${arn} not found`);
        return awsJson(request, defined({ ContactArn: arn, Policy: state.policies.get(arn) }));
      }
      case 'ssm-contacts:ListTagsForResource':
        return awsJson(request, { Tags: tagList(state.tags.get(String(input.ResourceARN))) });
      default:
        return undefined;
    }
  };
}

/**
 * Incident Manager response plans, which moto 5.2 lacks: ListResponsePlans over the caller's
 * `response-plan/<name>` resources in `state` (ARNs without a region), GetResourcePolicies (the policy
 * in `state.policies` as one entry, none when there is none) and ListTagsForResource.
 */
export function ssmIncidentsEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'ssm-incidents') return undefined;
    const input = body(request);
    if (request.method === 'POST' && request.path === '/listResponsePlans') {
      const plans = state.list(`${await callerPrefix(request, context, 'ssm-incidents', false)}response-plan/`);
      const size = typeof input.maxResults === 'number' ? input.maxResults : 100;
      const { items, next } = page(plans, input.nextToken, size);
      return restJson(
        defined({ responsePlanSummaries: items.map((p) => ({ arn: p.arn, ...p.attributes })), nextToken: next }),
      );
    }
    if (request.method === 'POST' && request.path === '/getResourcePolicies') {
      const arn = request.query.get('resourceArn') ?? '';
      if (!state.resources.has(arn))
        return errorResponse(request, 404, 'ResourceNotFoundException', `${arn} not found`);
      const policy = state.policies.get(arn);
      const id = createHash('sha256').update(arn).digest('hex').slice(0, 12);
      return restJson({
        resourcePolicies:
          policy === undefined
            ? []
            : [{ policyId: `rp-${id}`, policyDocument: policy, ramResourceShareRegion: request.region }],
      });
    }
    const tags = /^\/tags\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && tags?.[1]) {
      return restJson({ tags: state.tags.get(decodeURIComponent(tags[1])) ?? {} });
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------
// Route 53 Resolver (JSON 1.1, target Route53Resolver.*)

/**
 * Route 53 Resolver: moto 5.2 lists query logging configurations and rules but does not implement
 * their policy calls (500) nor DeleteResolverQueryLogConfig, and its ListTagsForResource rejects query
 * logging configuration ARNs. Emulated: GetResolverQueryLogConfigPolicy and GetResolverRulePolicy from
 * `state.policies` (ResourceNotFoundException when there is none); ListTagsForResource of query
 * logging configurations from `state.tags` (rules' tags stay moto's); DeleteResolverQueryLogConfig,
 * after which moto's ListResolverQueryLogConfigs answers are passed on without the deleted ones.
 */
export function route53resolverEmulator(state: BacklogState): Emulator {
  const deleted = new Set<string>();
  return async (request, context) => {
    if (request.service !== 'route53resolver') return undefined;
    const input = body(request);
    const policy = (key: string) => {
      const document = state.policies.get(String(input.Arn));
      if (document === undefined) {
        return errorResponse(request, 400, 'ResourceNotFoundException', `No policy for ${String(input.Arn)}`);
      }
      return awsJson(request, { [key]: document });
    };
    switch (request.operation) {
      case 'route53resolver:GetResolverQueryLogConfigPolicy':
        return policy('ResolverQueryLogConfigPolicy');
      case 'route53resolver:GetResolverRulePolicy':
        return policy('ResolverRulePolicy');
      case 'route53resolver:ListTagsForResource': {
        const arn = String(input.ResourceArn);
        if (!arn.includes(':resolver-query-log-config/')) return undefined;
        return awsJson(request, { Tags: tagList(state.tags.get(arn)) });
      }
      case 'route53resolver:DeleteResolverQueryLogConfig': {
        const id = String(input.ResolverQueryLogConfigId);
        deleted.add(id);
        return awsJson(request, { ResolverQueryLogConfig: { Id: id, Status: 'DELETING' } });
      }
      case 'route53resolver:ListResolverQueryLogConfigs': {
        const answer = await forward(request, context);
        if (answer.status !== 200 || deleted.size === 0) return answer;
        const listed = JSON.parse(String(answer.body)) as { ResolverQueryLogConfigs?: Array<{ Id?: string }> };
        const kept = (listed.ResolverQueryLogConfigs ?? []).filter((c) => !deleted.has(c.Id ?? ''));
        return awsJson(request, { ...listed, ResolverQueryLogConfigs: kept, TotalFilteredCount: kept.length });
      }
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------------

/** Every emulation of this file over one shared state: for runs with every service (the benchmark). */
export function backlogEmulators(state = new BacklogState()): Emulator[] {
  return [
    sesListIdentitiesEmulator(),
    codebuildEmulator(state),
    codeartifactEmulator(state),
    iotTagsEmulator(state),
    redshiftEmulator(state),
    redshiftServerlessEmulator(state),
    cloudtrailEmulator(state),
    schemasEmulator(state),
    lexEmulator(state),
    serverlessrepoEmulator(state),
    ssmContactsEmulator(state),
    ssmIncidentsEmulator(state),
    route53resolverEmulator(state),
  ];
}
