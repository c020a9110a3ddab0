/**
 * HTTP-level emulations for the ssm, xray and aps sources (issue 5), where moto 5.2 lacks the policy
 * APIs, and the seed of those services for the all-services world. moto holds SSM parameters and AMP
 * workspaces (with their tags) but answers SSM GetResourcePolicies with a 500 and AMP
 * DescribeResourcePolicy with a 404; it has no X-Ray resource policies at all. The policies live in a
 * `BacklogState` by ARN: an SSM parameter's or OpsItemGroup's ARN, a workspace's ARN, and for X-Ray's
 * (which have names, not ARNs) `xrayPolicyKey(...)`, a resource whose attributes are the wire fields.
 * Answers are in each service's protocol, so the real SDK clients parse real bytes.
 */
import { createHash } from 'node:crypto';
import { AmpClient, CreateWorkspaceCommand } from '@aws-sdk/client-amp';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { BacklogState } from './backlog-emulators.js';
import type { BacklogSeedTarget } from './backlog-seed.js';
import { callerAccount } from './emulators.js';
import { type Emulator, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';

/** Page size of the emulated X-Ray listing: small, so that two policies already take two pages. */
const XRAY_PAGE = 1;

/** Where an X-Ray resource policy is kept in the state: the collector's synthetic ARN for it. */
export function xrayPolicyKey(region: string, account: string, name: string): string {
  return `arn:aws:xray:${region}:${account}:resource-policy:${name}`;
}

/** Adds (or replaces) an X-Ray resource policy, with the revision X-Ray would give it. */
export function putXrayPolicy(state: BacklogState, region: string, account: string, name: string, policy: unknown) {
  const document = typeof policy === 'string' ? policy : JSON.stringify(policy);
  const revision = createHash('sha256').update(document).digest('hex').slice(0, 12);
  state.add(
    xrayPolicyKey(region, account, name),
    { PolicyName: name, PolicyRevisionId: revision, LastUpdatedTime: 1767225600 },
    { policy: document },
  );
}

/** `ssmEmulator`, `xrayEmulator` and `apsEmulator` on one state. */
export function ssmXrayApsEmulators(state: BacklogState): Emulator[] {
  return [ssmEmulator(state), xrayEmulator(state), apsEmulator(state)];
}

/**
 * SSM `GetResourcePolicies` (JSON 1.1, target AmazonSSM.GetResourcePolicies) for any ARN: the one
 * policy in `state.policies`, or none (`Policies: []`, as AWS answers for a resource without one).
 */
export function ssmEmulator(state: BacklogState): Emulator {
  return (request) => {
    if (request.operation !== 'ssm:GetResourcePolicies') return undefined;
    const arn = String(body(request).ResourceArn ?? '');
    const policy = state.policies.get(arn);
    const policies =
      policy === undefined
        ? []
        : [
            {
              PolicyId: `policy-${hash(arn)}`,
              PolicyHash: createHash('sha256').update(policy).digest('hex'),
              Policy: policy,
            },
          ];
    return json(request, { Policies: policies });
  };
}

/**
 * X-Ray `ListResourcePolicies` (rest-json, `POST /ListResourcePolicies`): the caller's policies in
 * the request's region, sorted by name, `XRAY_PAGE` per page with a numeric NextToken.
 */
export function xrayEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    if (request.service !== 'xray' || request.method !== 'POST' || request.path !== '/ListResourcePolicies') {
      return undefined;
    }
    const prefix = xrayPolicyKey(request.region, await callerAccount(request, context), '');
    const policies = state.list(prefix);
    const token = body(request).NextToken;
    const start = typeof token === 'string' && token !== '' ? Number(token) : 0;
    const items = policies.slice(start, start + XRAY_PAGE).map((p) => ({
      ...p.attributes,
      PolicyDocument: state.policies.get(p.arn),
    }));
    const next = start + XRAY_PAGE < policies.length ? String(start + XRAY_PAGE) : undefined;
    return restJson({ ResourcePolicies: items, ...(next ? { NextToken: next } : {}) });
  };
}

/**
 * AMP `DescribeResourcePolicy` (rest-json, `GET /workspaces/<id>/policy`): the policy of the caller's
 * workspace in the request's region from `state.policies`, or ResourceNotFoundException (404).
 */
export function apsEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    const match = /^\/workspaces\/([^/]+)\/policy$/.exec(request.path);
    if (request.service !== 'aps' || request.method !== 'GET' || !match?.[1]) return undefined;
    const id = decodeURIComponent(match[1]);
    const arn = `arn:aws:aps:${request.region}:${await callerAccount(request, context)}:workspace/${id}`;
    const policy = state.policies.get(arn);
    if (policy === undefined) {
      return errorResponse(request, 404, 'ResourceNotFoundException', `No resource policy for workspace ${id}`);
    }
    return restJson({ policyDocument: policy, policyStatus: 'ACTIVE', revisionId: hash(policy) });
  };
}

/** A policy letting account 111122223333 call `actions` on `resource`. */
export function sharedWith(resource: string, actions: string[]): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: actions, Resource: resource }],
  };
}

/**
 * One resource of each ssm, xray and aps type in one account and region, each with a policy and a
 * `seeded: "true"` tag where the type has tags: an advanced parameter shared with a policy, a
 * standard parameter, the OpsItemGroup's policy, an X-Ray resource policy and an AMP workspace.
 */
export async function seedSsmXrayAps(target: BacklogSeedTarget, state: BacklogState): Promise<void> {
  const { account, region } = target;
  const config = {
    endpoint: target.endpoint,
    region,
    maxAttempts: 5,
    ...(target.credentials ? { credentials: target.credentials } : {}),
  };
  const ssm = new SSMClient(config);
  await ssm.send(
    new PutParameterCommand({
      Name: '/seeded/shared',
      Value: 'not collected',
      Type: 'String',
      Tier: 'Advanced',
      Tags: [{ Key: 'seeded', Value: 'true' }],
    }),
  );
  await ssm.send(new PutParameterCommand({ Name: 'seeded-standard', Value: 'not collected', Type: 'String' }));
  ssm.destroy();
  const parameter = `arn:aws:ssm:${region}:${account}:parameter/seeded/shared`;
  state.setPolicy(parameter, sharedWith(parameter, ['ssm:GetParameter', 'ssm:GetParameters']));
  const opsItemGroup = `arn:aws:ssm:${region}:${account}:opsitemgroup/default`;
  state.setPolicy(opsItemGroup, sharedWith(opsItemGroup, ['ssm:GetOpsItem', 'ssm:UpdateOpsItem']));

  putXrayPolicy(state, region, account, 'seeded', {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'sns.amazonaws.com' },
        Action: ['xray:PutTraceSegments', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': account } },
      },
    ],
  });

  const amp = new AmpClient(config);
  const workspace = await amp.send(new CreateWorkspaceCommand({ alias: 'seeded', tags: { seeded: 'true' } }));
  amp.destroy();
  if (workspace.arn) state.setPolicy(workspace.arn, sharedWith(workspace.arn, ['aps:RemoteWrite', 'aps:QueryMetrics']));
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
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

/** A JSON 1.1 answer, in the request's own content type. */
function json(request: ProxyRequest, value: unknown): ProxyResponse {
  const contentType = String(request.headers['content-type'] ?? 'application/x-amz-json-1.1');
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(value) };
}

function restJson(value: unknown): ProxyResponse {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
