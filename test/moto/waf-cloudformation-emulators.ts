/**
 * HTTP-level emulation of AWS WAF Classic (global, `waf`, JSON 1.1 target `AWSWAF_20150824.*`) and
 * WAF Classic Regional (`waf-regional`, target `AWSWAF_Regional_20161128.*`), which moto 5.2 lacks
 * entirely, answered in AWS's wire format so the real SDK clients parse real bytes; and the seeds of
 * the all-services world for both and for CloudFormation stack policies (moto implements those).
 */
import { CloudFormationClient, CreateStackCommand, SetStackPolicyCommand } from '@aws-sdk/client-cloudformation';
import type { BacklogState } from './backlog-emulators.js';
import { callerAccount } from './emulators.js';
import { type Emulator, errorResponse, type ProxyRequest, type ProxyResponse } from './proxy.js';
import { type ResourceSeedTarget, seedClientConfig } from './resource-seeds.js';

function input(request: ProxyRequest): Record<string, unknown> {
  const text = request.body.toString('utf8').trim();
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** A JSON 1.1 answer; undefined members left out, as AWS does. */
function awsJson(request: ProxyRequest, value: Record<string, unknown>): ProxyResponse {
  const contentType = String(request.headers['content-type'] ?? 'application/x-amz-json-1.1');
  const defined = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(defined) };
}

/** One page from a numeric marker (the index of the first item). */
function page<T>(items: readonly T[], marker: unknown, limit: unknown): { items: T[]; next: string | undefined } {
  const start = typeof marker === 'string' && marker !== '' ? Number(marker) : 0;
  const end = start + (typeof limit === 'number' && limit > 0 ? limit : 100);
  return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
}

/** `arn:aws:waf::<account>:rulegroup/<id>` or `arn:aws:waf-regional:<region>:<account>:rulegroup/<id>`. */
export function classicRuleGroupArn(service: 'waf' | 'waf-regional', region: string, account: string, id: string) {
  return `arn:aws:${service}:${service === 'waf' ? '' : region}:${account}:rulegroup/${id}`;
}

/**
 * WAF Classic and WAF Classic Regional over `state`: rule groups are its resources with a
 * `rulegroup/` ARN of the service (attributes `{Name}`; tests and seeds add them to the state).
 * ListRuleGroups (Limit/NextMarker), Get/Put/DeletePermissionPolicy and ListTagsForResource; a rule
 * group without a policy, or a missing one, answers WAFNonexistentItemException, as AWS does.
 */
export function wafClassicEmulator(state: BacklogState): Emulator {
  return async (request, context) => {
    const service = request.service;
    if (service !== 'waf' && service !== 'waf-regional') return undefined;
    const body = input(request);
    const nonexistent = () =>
      errorResponse(request, 400, 'WAFNonexistentItemException', 'The referenced item does not exist.');
    const known = (arn: string) => state.resources.has(arn);
    switch (request.operation) {
      case `${service}:ListRuleGroups`: {
        const prefix = classicRuleGroupArn(service, request.region, await callerAccount(request, context), '');
        const { items, next } = page(state.list(prefix), body.NextMarker, body.Limit);
        return awsJson(request, {
          NextMarker: next,
          RuleGroups: items.map((group) => ({
            RuleGroupId: group.arn.slice(prefix.length),
            Name: group.attributes.Name,
          })),
        });
      }
      case `${service}:GetPermissionPolicy`: {
        const arn = String(body.ResourceArn);
        const policy = known(arn) ? state.policies.get(arn) : undefined;
        return policy === undefined ? nonexistent() : awsJson(request, { Policy: policy });
      }
      case `${service}:PutPermissionPolicy`: {
        const arn = String(body.ResourceArn);
        if (!known(arn)) return nonexistent();
        state.setPolicy(arn, String(body.Policy));
        return awsJson(request, {});
      }
      case `${service}:DeletePermissionPolicy`: {
        const arn = String(body.ResourceArn);
        return known(arn) && state.policies.delete(arn) ? awsJson(request, {}) : nonexistent();
      }
      case `${service}:ListTagsForResource`: {
        const arn = String(body.ResourceARN);
        if (!known(arn)) return nonexistent();
        const tags = Object.entries(state.tags.get(arn) ?? {}).map(([Key, Value]) => ({ Key, Value }));
        const { items, next } = page(tags, body.NextMarker, body.Limit);
        return awsJson(request, { NextMarker: next, TagInfoForResource: { ResourceARN: arn, TagList: items } });
      }
      default:
        return undefined;
    }
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

/**
 * One WAF Classic rule group (global) and, in every region of the target, one WAF Classic Regional
 * rule group, each shared by a permission policy and tagged `seeded: "true"`, in `state`.
 */
export function seedWafClassic(target: { account: string; regions: string[] }, state: BacklogState): void {
  const seed = (service: 'waf' | 'waf-regional', region: string) => {
    const id = `0a1b2c3d-${service === 'waf' ? '0000' : '0001'}-4e5f-8a9b-${target.account}`;
    const arn = classicRuleGroupArn(service, region, target.account, id);
    state.add(
      arn,
      { Name: 'seeded-rules' },
      {
        policy: sharedWith(arn, [`${service}:GetRuleGroup`, `${service}:UpdateWebACL`]),
        tags: { seeded: 'true' },
      },
    );
  };
  seed('waf', 'us-east-1');
  for (const region of target.regions) seed('waf-regional', region);
}

/** In every region of the target: a CloudFormation stack (moto) with a stack policy and a `seeded: "true"` tag. */
export async function seedCloudFormation(target: ResourceSeedTarget & { regions: string[] }): Promise<void> {
  for (const region of target.regions) {
    const client = new CloudFormationClient(seedClientConfig(target, region));
    await client.send(
      new CreateStackCommand({
        StackName: 'seeded-stack',
        TemplateBody: JSON.stringify({ Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } }),
        Tags: [{ Key: 'seeded', Value: 'true' }],
      }),
    );
    await client.send(
      new SetStackPolicyCommand({
        StackName: 'seeded-stack',
        StackPolicyBody: JSON.stringify({
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 'Update:*', Resource: '*' },
            { Effect: 'Deny', Principal: '*', Action: 'Update:Replace', Resource: 'LogicalResourceId/Handle' },
          ],
        }),
      }),
    );
    client.destroy();
  }
}
