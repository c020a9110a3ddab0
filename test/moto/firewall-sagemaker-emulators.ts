/**
 * HTTP-level emulations for the Network Firewall and SageMaker sources, answered in each service's
 * JSON wire format (Network Firewall: JSON 1.0, target `NetworkFirewall_20201112.*`; SageMaker:
 * JSON 1.1, target `SageMaker.*`) so the real SDK clients parse real bytes, and the seeds of the
 * all-services world for both.
 *
 * moto 5.2 holds Network Firewall firewalls (create, list, describe) and SageMaker model package
 * groups (create, list, tags); everything else these sources read or the tests change is emulated
 * over a `BacklogState`: rule groups, firewall policies and lineage groups (the tests add them to the
 * state directly), resource policies, tags but the firewalls' own, and the deletions moto lacks.
 */
import {
  CreateFirewallCommand,
  NetworkFirewallClient,
  PutResourcePolicyCommand,
} from '@aws-sdk/client-network-firewall';
import {
  CreateModelPackageGroupCommand,
  PutModelPackageGroupPolicyCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, type EmulatorContext, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';
import { type ResourceSeedTarget, seedClientConfig } from './resource-seeds.js';

function input(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** A JSON 1.0/1.1 answer in the request's own content type; undefined members left out, as AWS does. */
function awsJson(request: ProxyRequest, value: Record<string, unknown>): ProxyResponse {
  const contentType = String(request.headers['content-type'] ?? 'application/x-amz-json-1.1');
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(defined) };
}

/** One page from a numeric token (the index of the first item). */
function page<T>(items: readonly T[], token: unknown, size: unknown): { items: T[]; next: string | undefined } {
  const start = typeof token === 'string' && token !== '' ? Number(token) : 0;
  const end = start + (typeof size === 'number' ? size : 100);
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

/**
 * Sends the request to moto as another operation of the same JSON service (moto does not check
 * signatures) and returns its parsed answer, or undefined when moto did not answer 200.
 */
async function askMoto(
  request: ProxyRequest,
  context: EmulatorContext,
  target: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown> | undefined> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'connection' || name === 'content-length') continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const text = JSON.stringify(body);
  headers['x-amz-target'] = target;
  headers['content-length'] = String(Buffer.byteLength(text));
  const answer = await context.upstream({ method: 'POST', path: request.url, headers, body: text });
  return answer.status === 200 ? (JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>) : undefined;
}

/** moto's answer to the request itself, keeping only the items of the list under `key` that pass `keep`. */
async function filteredMotoList(
  request: ProxyRequest,
  context: EmulatorContext,
  key: string,
  keep: (item: Record<string, unknown>) => boolean,
): Promise<ProxyResponse> {
  const target = String(request.headers['x-amz-target']);
  const answer = await askMoto(request, context, target, input(request));
  if (!answer) return errorResponse(request, 500, 'InternalFailure', `moto failed ${target}`);
  const items = (answer[key] as Array<Record<string, unknown>> | undefined) ?? [];
  return awsJson(request, { ...answer, [key]: items.filter(keep) });
}

const tagList = (tags: Record<string, string> | undefined) =>
  Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));

// ---------------------------------------------------------------------------------------------------
// Network Firewall

/** `arn:aws:network-firewall:<region>:<caller account>:`. */
async function firewallPrefix(request: ProxyRequest, context: EmulatorContext): Promise<string> {
  return `arn:aws:network-firewall:${request.region}:${await callerAccount(request, context)}:`;
}

/**
 * Network Firewall over moto: ListRuleGroups and ListFirewallPolicies from `state` (attributes
 * `{Name}`; MANAGED scope lists none), Put/Describe/DeleteResourcePolicy from `state.policies`
 * (ResourceNotFoundException, as AWS, when there is none), ListTagsForResource from `state.tags`, or
 * for a firewall from moto's DescribeFirewall; DeleteFirewall (moto 5.2 lacks it), after which moto's
 * ListFirewalls answers are passed on without the deleted firewalls.
 */
export function networkFirewallEmulator(state: BacklogState): Emulator {
  const deletedFirewalls = new Set<string>();
  return async (request, context) => {
    if (request.service !== 'network-firewall') return undefined;
    const body = input(request);
    const notFound = () =>
      errorResponse(
        request,
        400,
        'ResourceNotFoundException',
        'Unable to locate a resource using the parameters that you provided.',
      );
    const list = async (key: string, types: string[]) => {
      const prefix = await firewallPrefix(request, context);
      const all = body.Scope === 'MANAGED' ? [] : types.flatMap((type) => state.list(`${prefix}${type}/`));
      const { items, next } = page(all, body.NextToken, body.MaxResults);
      return awsJson(request, {
        [key]: items.map((item) => ({ Name: item.attributes.Name, Arn: item.arn })),
        NextToken: next,
      });
    };
    switch (request.operation) {
      case 'network-firewall:ListRuleGroups':
        return list('RuleGroups', ['stateful-rulegroup', 'stateless-rulegroup']);
      case 'network-firewall:ListFirewallPolicies':
        return list('FirewallPolicies', ['firewall-policy']);
      case 'network-firewall:PutResourcePolicy':
        state.setPolicy(String(body.ResourceArn), String(body.Policy));
        return awsJson(request, {});
      case 'network-firewall:DescribeResourcePolicy': {
        const policy = state.policies.get(String(body.ResourceArn));
        return policy === undefined ? notFound() : awsJson(request, { Policy: policy });
      }
      case 'network-firewall:DeleteResourcePolicy':
        return state.policies.delete(String(body.ResourceArn)) ? awsJson(request, {}) : notFound();
      case 'network-firewall:ListTagsForResource': {
        const arn = String(body.ResourceArn);
        if (!arn.includes(':firewall/')) {
          return state.resources.has(arn) ? awsJson(request, { Tags: tagList(state.tags.get(arn)) }) : notFound();
        }
        const found = deletedFirewalls.has(arn)
          ? undefined
          : await askMoto(request, context, 'NetworkFirewall_20201112.DescribeFirewall', { FirewallArn: arn });
        if (!found) return notFound();
        return awsJson(request, { Tags: (found.Firewall as { Tags?: unknown } | undefined)?.Tags ?? [] });
      }
      case 'network-firewall:DeleteFirewall': {
        const arn =
          typeof body.FirewallArn === 'string'
            ? body.FirewallArn
            : `${await firewallPrefix(request, context)}firewall/${String(body.FirewallName)}`;
        deletedFirewalls.add(arn);
        state.policies.delete(arn);
        return awsJson(request, {
          Firewall: { FirewallArn: arn, FirewallName: arn.slice(arn.lastIndexOf('/') + 1) },
          FirewallStatus: { Status: 'DELETING', ConfigurationSyncStateSummary: 'IN_SYNC' },
        });
      }
      case 'network-firewall:ListFirewalls':
        if (deletedFirewalls.size === 0) return undefined;
        return filteredMotoList(request, context, 'Firewalls', (f) => !deletedFirewalls.has(String(f.FirewallArn)));
      default:
        return undefined;
    }
  };
}

// ---------------------------------------------------------------------------------------------------
// SageMaker

/**
 * SageMaker model package groups over moto: Put/Get/DeleteModelPackageGroupPolicy from
 * `state.policies`, keyed by the group's ARN (a missing one is AWS's ValidationException "Cannot find
 * resource policy ..."); DeleteModelPackageGroup (moto 5.2 lacks it), after which moto's
 * ListModelPackageGroups answers are passed on without the deleted groups. Lineage groups (moto has
 * none): ListLineageGroups from `state` (attributes `{LineageGroupName, DisplayName}`) and
 * GetLineageGroupPolicy by name or ARN (ResourceNotFound, the error AWS models, when there is none).
 */
export function sagemakerEmulator(state: BacklogState): Emulator {
  const deletedGroups = new Set<string>();
  return async (request, context) => {
    if (request.service !== 'sagemaker') return undefined;
    const body = input(request);
    const groupArn = async () =>
      `arn:aws:sagemaker:${request.region}:${await callerAccount(request, context)}:model-package-group/${String(body.ModelPackageGroupName)}`;
    switch (request.operation) {
      case 'sagemaker:PutModelPackageGroupPolicy': {
        const arn = await groupArn();
        state.setPolicy(arn, String(body.ResourcePolicy));
        return awsJson(request, { ModelPackageGroupArn: arn });
      }
      case 'sagemaker:GetModelPackageGroupPolicy': {
        const arn = await groupArn();
        if (deletedGroups.has(arn)) {
          return errorResponse(request, 400, 'ValidationException', `Cannot find Model Package Group ${arn}`);
        }
        const policy = state.policies.get(arn);
        if (policy === undefined) {
          return errorResponse(request, 400, 'ValidationException', `Cannot find resource policy for ${arn}`);
        }
        return awsJson(request, { ResourcePolicy: policy });
      }
      case 'sagemaker:DeleteModelPackageGroupPolicy': {
        const arn = await groupArn();
        if (!state.policies.delete(arn)) {
          return errorResponse(request, 400, 'ValidationException', `Cannot find resource policy for ${arn}`);
        }
        return awsJson(request, {});
      }
      case 'sagemaker:DeleteModelPackageGroup': {
        const arn = await groupArn();
        deletedGroups.add(arn);
        state.policies.delete(arn);
        return awsJson(request, {});
      }
      case 'sagemaker:ListLineageGroups': {
        const prefix = `arn:aws:sagemaker:${request.region}:${await callerAccount(request, context)}:lineage-group/`;
        const { items, next } = page(state.list(prefix), body.NextToken, body.MaxResults);
        return awsJson(request, {
          LineageGroupSummaries: items.map((group) => ({ LineageGroupArn: group.arn, ...group.attributes })),
          NextToken: next,
        });
      }
      case 'sagemaker:GetLineageGroupPolicy': {
        const name = String(body.LineageGroupName);
        const arn = name.startsWith('arn:')
          ? name
          : `arn:aws:sagemaker:${request.region}:${await callerAccount(request, context)}:lineage-group/${name}`;
        const policy = state.resources.has(arn) ? state.policies.get(arn) : undefined;
        if (policy === undefined) {
          return errorResponse(request, 400, 'ResourceNotFound', `Lineage group policy not found: ${arn}`);
        }
        return awsJson(request, { LineageGroupArn: arn, ResourcePolicy: policy });
      }
      case 'sagemaker:ListModelPackageGroups':
        if (deletedGroups.size === 0) return undefined;
        return filteredMotoList(
          request,
          context,
          'ModelPackageGroupSummaryList',
          (group) => !deletedGroups.has(String(group.ModelPackageGroupArn)),
        );
      default:
        return undefined;
    }
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

/**
 * In every region of the target: a stateful rule group and a firewall policy (in `state`) and a
 * firewall (moto), each with a resource policy sharing it and a `seeded: "true"` tag.
 */
export async function seedNetworkFirewall(
  target: ResourceSeedTarget & { account: string; regions: string[] },
  state: BacklogState,
): Promise<void> {
  const tags = { seeded: 'true' };
  for (const region of target.regions) {
    const arn = (resource: string) => `arn:aws:network-firewall:${region}:${target.account}:${resource}`;
    const ruleGroup = arn('stateful-rulegroup/seeded-rules');
    state.add(
      ruleGroup,
      { Name: 'seeded-rules' },
      {
        policy: sharedWith(ruleGroup, ['network-firewall:ListRuleGroups', 'network-firewall:DescribeRuleGroup']),
        tags,
      },
    );
    const firewallPolicy = arn('firewall-policy/seeded-policy');
    state.add(
      firewallPolicy,
      { Name: 'seeded-policy' },
      {
        policy: sharedWith(firewallPolicy, ['network-firewall:AssociateFirewallPolicy']),
        tags,
      },
    );
    const client = new NetworkFirewallClient(seedClientConfig(target, region));
    const created = await client.send(
      new CreateFirewallCommand({
        FirewallName: 'seeded',
        FirewallPolicyArn: firewallPolicy,
        VpcId: 'vpc-0a1b2c3d',
        SubnetMappings: [{ SubnetId: 'subnet-0a1b2c3d' }],
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    const firewall = created.Firewall?.FirewallArn ?? arn('firewall/seeded');
    await client.send(
      new PutResourcePolicyCommand({
        ResourceArn: firewall,
        Policy: sharedWith(firewall, ['network-firewall:CreateVpcEndpointAssociation']),
      }),
    );
    client.destroy();
  }
}

/**
 * In every region of the target: a model package group (moto) with a resource policy and a
 * `seeded: "true"` tag, and a lineage group (in `state`) with a resource policy.
 */
export async function seedSageMaker(
  target: ResourceSeedTarget & { account: string; regions: string[] },
  state: BacklogState,
): Promise<void> {
  for (const region of target.regions) {
    const lineageGroup = `arn:aws:sagemaker:${region}:${target.account}:lineage-group/seeded-pipeline`;
    state.add(
      lineageGroup,
      { LineageGroupName: 'seeded-pipeline', DisplayName: 'seeded pipeline lineage' },
      { policy: sharedWith(lineageGroup, ['sagemaker:DescribeLineageGroup', 'sagemaker:QueryLineage']) },
    );
    const client = new SageMakerClient(seedClientConfig(target, region));
    const created = await client.send(
      new CreateModelPackageGroupCommand({
        ModelPackageGroupName: 'seeded-models',
        ModelPackageGroupDescription: 'seeded model registry',
        Tags: [{ Key: 'seeded', Value: 'true' }],
      }),
    );
    await client.send(
      new PutModelPackageGroupPolicyCommand({
        ModelPackageGroupName: 'seeded-models',
        ResourcePolicy: sharedWith(`${created.ModelPackageGroupArn}`, [
          'sagemaker:DescribeModelPackageGroup',
          'sagemaker:ListModelPackages',
        ]),
      }),
    );
    client.destroy();
  }
}
