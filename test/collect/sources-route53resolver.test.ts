/**
 * route53resolver/queryLogConfigs and route53resolver/resolverRules against moto, with the HTTP
 * emulation of the two policy calls (moto 5.2 answers 500) and of query logging configurations' tags
 * (moto rejects their ARNs) and of DeleteResolverQueryLogConfig (moto lacks it): sharing policies, tags,
 * deletion on the next run, AccessDenied on one policy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateResolverQueryLogConfigCommand,
  CreateResolverRuleCommand,
  DeleteResolverQueryLogConfigCommand,
  DeleteResolverRuleCommand,
  Route53ResolverClient,
  UntagResourceCommand,
} from '@aws-sdk/client-route53resolver';
import { BacklogState, route53resolverEmulator } from '../moto/backlog-emulators.js';
import {
  ACCOUNT,
  assertGoldenTree,
  type Collected,
  goldenFolder,
  type ResourceHarness,
  startResourceHarness,
  without,
} from './resource-harness.js';

const root = `aws/aws/accounts/${ACCOUNT}/route53resolver/us-east-1`;
const sharePolicy = (arn: string, actions: string[]) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'RamShare', Effect: 'Allow', Principal: { AWS: ['111122223333'] }, Action: actions, Resource: arn },
  ],
});
const QLC_ACTIONS = ['route53resolver:AssociateResolverQueryLogConfig', 'route53resolver:GetResolverQueryLogConfig'];
const RULE_ACTIONS = ['route53resolver:AssociateResolverRule', 'route53resolver:GetResolverRule'];

const state = new BacklogState();
let h: ResourceHarness;
let first: Collected;
let resolver: Route53ResolverClient;
/** name -> {id, arn}: ids are random, the golden files hold the names in their place. */
const made: Record<string, { id: string; arn: string }> = {};
const stable = (tree: Map<string, string>) =>
  new Map(
    [...tree]
      .map(([path, text]): [string, string] => {
        let [p, t] = [path, text];
        for (const [name, { id }] of Object.entries(made)) {
          p = p.replaceAll(id.toLowerCase(), `${name}-id`);
          t = t.replaceAll(id, `${name}-id`);
        }
        return [p, t];
      })
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
const folder = (kind: string, name: string) => `route53resolver/us-east-1/${kind}/${made[name]?.id.toLowerCase()}`;

before(async () => {
  h = await startResourceHarness({ emulators: [route53resolverEmulator(state)] });
  resolver = new Route53ResolverClient(h.clientConfig);
  for (const name of ['dns-audit', 'dns-debug']) {
    const out = await resolver.send(
      new CreateResolverQueryLogConfigCommand({
        Name: name,
        DestinationArn: `arn:aws:s3:::${name}-${ACCOUNT}`,
        CreatorRequestId: name,
      }),
    );
    made[name] = { id: out.ResolverQueryLogConfig?.Id ?? '', arn: out.ResolverQueryLogConfig?.Arn ?? '' };
  }
  for (const name of ['corp', 'lab']) {
    const out = await resolver.send(
      new CreateResolverRuleCommand({
        CreatorRequestId: name,
        RuleType: 'SYSTEM',
        DomainName: `${name}.example.internal`,
        Name: name,
        ...(name === 'corp'
          ? {
              Tags: [
                { Key: 'team', Value: 'network' },
                { Key: 'zone', Value: 'corp' },
              ],
            }
          : {}),
      }),
    );
    made[name] = { id: out.ResolverRule?.Id ?? '', arn: out.ResolverRule?.Arn ?? '' };
  }
  const arn = (name: string) => made[name]?.arn ?? '';
  state.setPolicy(arn('dns-audit'), sharePolicy(arn('dns-audit'), QLC_ACTIONS));
  state.tags.set(arn('dns-audit'), { team: 'security' });
  state.setPolicy(arn('corp'), sharePolicy(arn('corp'), RULE_ACTIONS));
});

after(async () => {
  resolver?.destroy();
  await h?.stop();
});

describe('route53resolver sources (moto + HTTP emulation of the policy calls and query log config tags)', () => {
  test('collects query logging configurations and rules: metadata, sharing policies, tags', async () => {
    first = await h.collect('run', ['route53resolver']);
    assert.equal(first.result.exitCode, 0, JSON.stringify(first.result.summary, null, 2));
    assert.deepEqual(first.job('route53resolver', 'queryLogConfigs'), {
      status: 'collected',
      counts: { queryLogConfig: 2 },
    });
    assert.deepEqual(first.job('route53resolver', 'resolverRules'), {
      status: 'collected',
      counts: { resolverRule: 2 },
    });
    await assertGoldenTree(stable(first.tree), goldenFolder('route53resolver'));
    assert.deepEqual(
      JSON.parse(
        first.tree.get(`aws/aws/accounts/${ACCOUNT}/${folder('resolver-rule', 'corp')}/policy.json`) ?? 'null',
      ),
      sharePolicy(made.corp?.arn ?? '', RULE_ACTIONS),
    );
  });

  test("AccessDenied on one rule's policy: the rule is kept, its stored policy untouched, the gap recorded", async () => {
    const allow = h.deny(
      (r) =>
        r.operation === 'route53resolver:GetResolverRulePolicy' && r.body.toString().includes(made.corp?.arn ?? '-'),
    );
    const denied = await h.collect('run', ['route53resolver']).finally(allow);
    assert.equal(denied.result.exitCode, 0);
    assert.deepEqual(denied.job('route53resolver', 'resolverRules').issues, [
      {
        kind: 'denied',
        arn: made.corp?.arn,
        field: 'policy',
        message: 'AccessDeniedException: User is not authorized to perform route53resolver:GetResolverRulePolicy',
      },
    ]);
    assert.deepEqual(denied.tree, first.tree);
  });

  test('a deleted config and rule, a removed policy and removed tags disappear on the next run', async () => {
    await resolver.send(new DeleteResolverQueryLogConfigCommand({ ResolverQueryLogConfigId: made['dns-debug']?.id }));
    await resolver.send(new DeleteResolverRuleCommand({ ResolverRuleId: made.lab?.id }));
    await resolver.send(new UntagResourceCommand({ ResourceArn: made.corp?.arn, TagKeys: ['zone'] }));
    state.policies.delete(made['dns-audit']?.arn ?? '');
    const next = await h.collect('run', ['route53resolver']);
    assert.equal(next.result.exitCode, 0);
    const expected = without(
      first.tree,
      folder('resolver-query-log-config', 'dns-debug'),
      folder('resolver-rule', 'lab'),
    );
    expected.delete(`${root}/resolver-query-log-config/${made['dns-audit']?.id.toLowerCase()}/policy.json`);
    expected.set(
      `${root}/resolver-rule/${made.corp?.id.toLowerCase()}/tags.json`,
      JSON.stringify({ team: 'network' }, null, 2),
    );
    assert.deepEqual(next.tree, expected);
  });
});
