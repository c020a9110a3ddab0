/**
 * HTTP-level emulations for the aoss, ecr-public and wafv2 sources (issue 5), where moto 5.2 lacks an
 * API, in each service's own wire format (JSON 1.0 or 1.1 with X-Amz-Target), so the real SDK clients
 * parse real bytes. Each keeps its state in memory for the life of the proxy and answers the write
 * calls the seeds need too, so that tests seed through the SDK as they would against AWS.
 */
import { createHash } from 'node:crypto';
import { callerAccount } from './emulators.js';
import { type Emulator, type EmulatorContext, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';

function input(request: ProxyRequest): Record<string, unknown> {
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

/** Drops undefined members, as AWS leaves out unset ones. */
function defined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** One page of `items` from a numeric token (the index of the first item). */
function page<T>(items: readonly T[], token: unknown, size: unknown, max: number) {
  const start = typeof token === 'string' && token !== '' ? Number(token) : 0;
  const end = start + (typeof size === 'number' && size > 0 ? Math.min(size, max) : max);
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

function parsesAsJson(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The map at `key` in `maps`, made empty on first use. */
function entry<K, V>(maps: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let map = maps.get(key);
  if (!map) {
    map = new Map();
    maps.set(key, map);
  }
  return map;
}

/** A stable version token derived from a policy's text, so golden files stay stable. */
function version(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 20);
}

// ---------------------------------------------------------------------------------------------------
// OpenSearch Serverless (JSON 1.0, target OpenSearchServerless.*)

interface AccessPolicy {
  name: string;
  type: string;
  description?: string;
  policy: unknown;
  policyVersion: string;
  createdDate: number;
  lastModifiedDate: number;
}

/**
 * OpenSearch Serverless: moto 5.2 holds security policies (network, encryption) but answers 500 to
 * every access-policy call and to DeleteSecurityPolicy. Emulated: Create/Get/List/DeleteAccessPolicy
 * (type `data`) per caller account and region, with AWS's errors (ResourceNotFoundException,
 * ConflictException, ValidationException), pages of `maxResults` (default 20, at most 100); and
 * DeleteSecurityPolicy, after which moto's answers to GetSecurityPolicy and ListSecurityPolicies no
 * longer show the policy (a deleted name cannot be created again).
 */
export function aossEmulator(): Emulator {
  const accessPolicies = new Map<string, Map<string, AccessPolicy>>();
  const deletedSecurityPolicies = new Set<string>();
  return async (request, context) => {
    if (request.service !== 'aoss') return undefined;
    const body = input(request);
    const scope = async () => `${await callerAccount(request, context)}/${request.region}`;
    const policiesOf = async () => {
      return entry(accessPolicies, await scope());
    };
    const notFound = (what: string) => errorResponse(request, 400, 'ResourceNotFoundException', `${what} not found`);
    const detail = (p: AccessPolicy) =>
      defined({
        type: p.type,
        name: p.name,
        policyVersion: p.policyVersion,
        description: p.description,
        policy: p.policy,
        createdDate: p.createdDate,
        lastModifiedDate: p.lastModifiedDate,
      });
    const name = String(body.name ?? '');
    switch (request.operation) {
      case 'aoss:CreateAccessPolicy': {
        const policies = await policiesOf();
        if (body.type !== 'data' || !parsesAsJson(body.policy)) {
          return errorResponse(request, 400, 'ValidationException', 'Policy type must be data and the policy JSON');
        }
        if (policies.has(name)) return errorResponse(request, 400, 'ConflictException', `Policy ${name} exists`);
        const now = Date.now();
        const created: AccessPolicy = {
          name,
          type: 'data',
          ...(typeof body.description === 'string' ? { description: body.description } : {}),
          policy: JSON.parse(body.policy as string),
          policyVersion: version(body.policy as string),
          createdDate: now,
          lastModifiedDate: now,
        };
        policies.set(name, created);
        return awsJson(request, { accessPolicyDetail: detail(created) });
      }
      case 'aoss:GetAccessPolicy': {
        const found = (await policiesOf()).get(name);
        return found ? awsJson(request, { accessPolicyDetail: detail(found) }) : notFound(`Policy ${name}`);
      }
      case 'aoss:ListAccessPolicies': {
        if (body.type !== 'data') return errorResponse(request, 400, 'ValidationException', 'type must be data');
        const all = [...(await policiesOf()).values()].sort(byName);
        const { items, next } = page(all, body.nextToken, body.maxResults, 100);
        const summaries = items.map((p) => {
          const { policy: _policy, ...summary } = detail(p);
          return summary;
        });
        return awsJson(request, defined({ accessPolicySummaries: summaries, nextToken: next }));
      }
      case 'aoss:DeleteAccessPolicy': {
        const policies = await policiesOf();
        if (!policies.delete(name)) return notFound(`Policy ${name}`);
        return awsJson(request, {});
      }
      case 'aoss:DeleteSecurityPolicy': {
        deletedSecurityPolicies.add(`${await scope()}/${String(body.type)}/${name}`);
        return awsJson(request, {});
      }
      case 'aoss:GetSecurityPolicy': {
        if (deletedSecurityPolicies.has(`${await scope()}/${String(body.type)}/${name}`)) {
          return notFound(`Policy ${name}`);
        }
        return undefined;
      }
      case 'aoss:ListSecurityPolicies': {
        if (deletedSecurityPolicies.size === 0) return undefined;
        const prefix = `${await scope()}/${String(body.type)}/`;
        const answer = await forward(request, context);
        if (answer.status !== 200) return answer;
        const listed = JSON.parse(String(answer.body)) as { securityPolicySummaries?: Array<{ name?: string }> };
        const kept = (listed.securityPolicySummaries ?? []).filter(
          (p) => !deletedSecurityPolicies.has(`${prefix}${p.name}`),
        );
        return awsJson(request, { ...listed, securityPolicySummaries: kept });
      }
      default:
        return undefined;
    }
  };
}

/** Sends the caller's request on to moto unchanged, for emulators that filter its answer. */
async function forward(request: ProxyRequest, context: EmulatorContext): Promise<ProxyResponse> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'connection' || name === 'content-length') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  headers['content-length'] = String(request.body.length);
  const answer = await context.upstream({ method: request.method, path: request.url, headers, body: request.body });
  return {
    status: answer.status,
    headers: { 'content-type': String(answer.headers['content-type'] ?? 'application/x-amz-json-1.0') },
    body: answer.body,
  };
}

// ---------------------------------------------------------------------------------------------------
// ECR Public (JSON 1.1, target SpencerFrontendService.*)

interface PublicRepository {
  name: string;
  createdAt: number;
  tags: Map<string, string>;
  policy?: string;
}

/** ECR Public's registry alias of an account: random in AWS, derived from the account here. */
export function ecrPublicAlias(account: string): string {
  return `r${createHash('sha256').update(account).digest('hex').slice(0, 7)}`;
}

/**
 * ECR Public, which moto 5.2 lacks: Create/Describe/DeleteRepository, Get/Set/DeleteRepositoryPolicy,
 * ListTagsForResource and TagResource over each caller account's one public registry (whatever the
 * request's region: the registry is global), with AWS's errors (RepositoryNotFoundException,
 * RepositoryPolicyNotFoundException, RepositoryAlreadyExistsException, InvalidParameterException).
 * DescribeRepositories lists by name, in pages of `maxResults` (default 100, at most 1000).
 */
export function ecrPublicEmulator(): Emulator {
  const registries = new Map<string, Map<string, PublicRepository>>();
  return async (request, context) => {
    if (request.service !== 'ecr-public') return undefined;
    const body = input(request);
    const account = await callerAccount(request, context);
    const repositories = entry(registries, account);
    const arn = (name: string) => `arn:aws:ecr-public::${account}:repository/${name}`;
    const shape = (r: PublicRepository) => ({
      repositoryArn: arn(r.name),
      registryId: account,
      repositoryName: r.name,
      repositoryUri: `public.ecr.aws/${ecrPublicAlias(account)}/${r.name}`,
      createdAt: r.createdAt,
    });
    const error = (code: string, message: string) => errorResponse(request, 400, code, message);
    const missing = (name: string) =>
      error(
        'RepositoryNotFoundException',
        `The repository with name '${name}' does not exist in the registry with id '${account}'`,
      );
    const named = String(body.repositoryName ?? '');
    const repository = repositories.get(named);
    const tagsOf = (resourceArn: unknown) => [...repositories.values()].find((r) => arn(r.name) === resourceArn);
    switch (request.operation) {
      case 'ecr-public:CreateRepository': {
        if (repository) return error('RepositoryAlreadyExistsException', `The repository ${named} already exists`);
        const created: PublicRepository = { name: named, createdAt: Math.floor(Date.now() / 1000), tags: new Map() };
        for (const tag of (body.tags as Array<{ Key: string; Value: string }> | undefined) ?? []) {
          created.tags.set(tag.Key, tag.Value);
        }
        repositories.set(named, created);
        return awsJson(request, { repository: shape(created), catalogData: {} });
      }
      case 'ecr-public:DescribeRepositories': {
        const names = body.repositoryNames as string[] | undefined;
        if (names) {
          const unknown = names.find((name) => !repositories.has(name));
          if (unknown !== undefined) return missing(unknown);
          return awsJson(request, {
            repositories: names.map((name) => shape(repositories.get(name) as PublicRepository)),
          });
        }
        const all = [...repositories.values()].sort(byName);
        const { items, next } = page(all, body.nextToken, body.maxResults, 1000);
        return awsJson(request, defined({ repositories: items.map(shape), nextToken: next }));
      }
      case 'ecr-public:DeleteRepository': {
        if (!repository) return missing(named);
        repositories.delete(named);
        return awsJson(request, { repository: shape(repository) });
      }
      case 'ecr-public:SetRepositoryPolicy': {
        if (!repository) return missing(named);
        if (!parsesAsJson(body.policyText)) return error('InvalidParameterException', 'Invalid repository policy');
        repository.policy = body.policyText as string;
        return awsJson(request, { registryId: account, repositoryName: named, policyText: repository.policy });
      }
      case 'ecr-public:GetRepositoryPolicy':
      case 'ecr-public:DeleteRepositoryPolicy': {
        if (!repository) return missing(named);
        const policyText = repository.policy;
        if (policyText === undefined) {
          return error(
            'RepositoryPolicyNotFoundException',
            `Repository policy does not exist for the repository with name '${named}'`,
          );
        }
        if (request.operation === 'ecr-public:DeleteRepositoryPolicy') delete repository.policy;
        return awsJson(request, { registryId: account, repositoryName: named, policyText });
      }
      case 'ecr-public:ListTagsForResource': {
        const tagged = tagsOf(body.resourceArn);
        if (!tagged) return missing(String(body.resourceArn));
        return awsJson(request, { tags: [...tagged.tags].map(([Key, Value]) => ({ Key, Value })) });
      }
      case 'ecr-public:TagResource': {
        const tagged = tagsOf(body.resourceArn);
        if (!tagged) return missing(String(body.resourceArn));
        for (const tag of (body.tags as Array<{ Key: string; Value: string }> | undefined) ?? []) {
          tagged.tags.set(tag.Key, tag.Value);
        }
        return awsJson(request, {});
      }
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// WAFv2 (JSON 1.1, target AWSWAF_20190729.*)

/**
 * WAFv2: moto 5.2 holds rule groups and their tags but answers 500 to the permission-policy calls.
 * Emulated: Put/Get/DeletePermissionPolicy by rule group ARN, with AWS's errors (WAFNonexistentItemException
 * when a rule group has no policy, WAFInvalidPermissionPolicyException for text that is not JSON).
 * DeleteRuleGroup drops the rule group's policy and goes on to moto. Put does not check that the rule
 * group exists.
 */
export function wafv2Emulator(): Emulator {
  const policies = new Map<string, string>();
  return (request) => {
    if (request.service !== 'wafv2') return undefined;
    const body = input(request);
    const arn = String(body.ResourceArn ?? '');
    switch (request.operation) {
      case 'wafv2:PutPermissionPolicy':
        if (!parsesAsJson(body.Policy)) {
          return errorResponse(request, 400, 'WAFInvalidPermissionPolicyException', 'The policy is not valid JSON');
        }
        policies.set(arn, body.Policy as string);
        return awsJson(request, {});
      case 'wafv2:GetPermissionPolicy': {
        const policy = policies.get(arn);
        if (policy === undefined) {
          return errorResponse(
            request,
            400,
            'WAFNonexistentItemException',
            "WAF couldn't perform the operation because your resource doesn't exist.",
          );
        }
        return awsJson(request, { Policy: policy });
      }
      case 'wafv2:DeletePermissionPolicy':
        policies.delete(arn);
        return awsJson(request, {});
      case 'wafv2:DeleteRuleGroup': {
        const suffix = `/rulegroup/${String(body.Name)}/${String(body.Id)}`;
        for (const key of [...policies.keys()]) if (key.endsWith(suffix)) policies.delete(key);
        return undefined;
      }
      default:
        return undefined;
    }
  };
}
