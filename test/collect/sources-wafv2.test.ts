/**
 * wafv2/ruleGroups: rule groups and their tags against moto, permission policies against the
 * recorded-response emulation (moto 5.2 lacks them; see wafv2Emulator). REGIONAL rule groups in two
 * regions and a CLOUDFRONT one listed from us-east-1 only; AccessDenied on one GetPermissionPolicy;
 * deletion of a rule group.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as wafv2 from '@aws-sdk/client-wafv2';
import { wafv2RuleGroups } from '../../src/collect/sources/wafv2/rule-groups.js';
import { wafv2Emulator } from '../moto/aoss-ecr-public-wafv2-emulators.js';
import { type SeededRuleGroups, seedWafv2 } from '../moto/aoss-ecr-public-wafv2-seeds.js';
import { seedClientConfig } from '../moto/resource-seeds.js';
import { DENIED, sourceTestSuite } from './resource-sources-harness.js';

let arns: SeededRuleGroups = {};
const id = (arn: string | undefined) => (arn ?? '').slice((arn ?? '').lastIndexOf('/') + 1);

/** moto's random rule group ids -> `<region/name>`, so the golden files stay stable. */
const stable = (files: Record<string, unknown>) => {
  let text = JSON.stringify(files);
  for (const [name, arn] of Object.entries(arns)) text = text.split(id(arn)).join(`<${name}>`);
  return JSON.parse(text) as Record<string, unknown>;
};

sourceTestSuite({
  service: 'wafv2',
  kind: 'moto + recorded-response emulation of permission policies',
  emulators: [wafv2Emulator()],
  async seed(endpoint) {
    arns = await seedWafv2({ endpoint });
  },
  stable,
  jobs: [
    ['us-east-1', 'ruleGroups', { status: 'collected', counts: { ruleGroup: 2, cloudfrontRuleGroup: 1 } }],
    ['us-west-2', 'ruleGroups', { status: 'collected', counts: { ruleGroup: 2, cloudfrontRuleGroup: 0 } }],
  ],
  denied: {
    what: "the CloudFront rule group's GetPermissionPolicy",
    predicate: (r) => r.operation === 'wafv2:GetPermissionPolicy' && r.body.includes(':global/rulegroup/'),
    job: () => [
      'us-east-1',
      'ruleGroups',
      {
        status: 'collected',
        counts: { ruleGroup: 2, cloudfrontRuleGroup: 1 },
        issues: [{ kind: 'denied', arn: arns['us-east-1/edge-blocklist'], field: 'policy', message: DENIED }],
      },
    ],
  },
  removed: {
    what: 'a REGIONAL rule group (us-west-2 shared-blocklist, with its policy and tags)',
    async remove(endpoint) {
      const client = new wafv2.WAFV2Client(seedClientConfig({ endpoint }, 'us-west-2'));
      const listed = await client.send(new wafv2.ListRuleGroupsCommand({ Scope: 'REGIONAL' }));
      const group = listed.RuleGroups?.find((g) => g.Name === 'shared-blocklist');
      await client.send(
        new wafv2.DeleteRuleGroupCommand({
          Name: 'shared-blocklist',
          Scope: 'REGIONAL',
          Id: group?.Id,
          LockToken: group?.LockToken,
        }),
      );
      client.destroy();
    },
    gone: (path) =>
      path.startsWith(
        `wafv2/us-west-2/regional/rulegroup%2fshared-blocklist%2f${id(arns['us-west-2/shared-blocklist'])}/`,
      ),
    files: 3,
  },
});

describe('wafv2/ruleGroups stores (unit)', () => {
  it('owns only the rule groups in the folders every kind of WAF resource shares', () => {
    const arns = {
      regionalRuleGroup: 'arn:aws:wafv2:us-west-2:123456789012:regional/rulegroup/a/1',
      cloudfrontRuleGroup: 'arn:aws:wafv2:us-east-1:123456789012:global/rulegroup/b/2',
      regionalWebAcl: 'arn:aws:wafv2:us-west-2:123456789012:regional/webacl/c/3',
      cloudfrontIpSet: 'arn:aws:wafv2:us-east-1:123456789012:global/ipset/d/4',
    };
    const owned = wafv2RuleGroups.stores.map((type) =>
      Object.entries(arns)
        .filter(([, arn]) => type.owns?.({ arn }, { region: 'us-east-1' }))
        .map(([name]) => name),
    );
    assert.deepEqual(owned, [
      ['regionalRuleGroup', 'cloudfrontRuleGroup'],
      ['regionalRuleGroup', 'cloudfrontRuleGroup'],
    ]);
    assert.equal(wafv2RuleGroups.stores[0]?.owns?.(undefined, { region: 'us-east-1' }), false);
  });
});
