/**
 * Every resource-policy source beyond iam-collect at once, against moto with all the HTTP emulations of
 * `backlogEmulators()` (as the benchmark runs them): an account with none of these resources is
 * collected without a failed job and writes nothing, with exactly the listing calls; then with one
 * resource of each type (`seedBacklogResources`), with exactly the documented calls per resource.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SOURCES } from '../../src/collect/sources/registry.js';
import { BacklogState, backlogEmulators } from '../moto/backlog-emulators.js';
import { seedBacklogResources } from '../moto/backlog-seed.js';
import { ACCOUNT, REGION, type ResourceHarness, startResourceHarness } from './resource-harness.js';

const SERVICES = [
  'acm-pca',
  'cloudtrail',
  'codeartifact',
  'codebuild',
  'iot',
  'lex',
  'logs',
  'redshift',
  'redshift-serverless',
  'route53resolver',
  'schemas',
  'serverlessrepo',
  'ses',
  'ssm-contacts',
  'ssm-incidents',
];

const state = new BacklogState();
let h: ResourceHarness;

before(async () => {
  h = await startResourceHarness({ emulators: backlogEmulators(state) });
});

/** API calls by operation since the last reset, without STS. */
function calls(): Record<string, number> {
  return Object.fromEntries(
    Object.entries(h.proxy.stats().byOperation).filter(([operation]) => !operation.startsWith('sts:')),
  );
}

after(async () => {
  await h?.stop();
});

describe('resource-policy sources beyond iam-collect (moto + every HTTP emulation)', () => {
  test('an account without such resources: every job collected, nothing written, only listing calls made', async () => {
    h.proxy.resetStats();
    const run = await h.collect('empty', SERVICES);
    assert.equal(run.result.exitCode, 0, JSON.stringify(run.result.summary, null, 2));
    const sources = SOURCES.filter((s) => SERVICES.includes(s.service));
    assert.equal(sources.length, 24);
    for (const source of sources) {
      const [service = '', sync = ''] = source.name.split('/');
      const region = source.scope === 'global' ? 'global' : 'us-east-1';
      const job = run.job(service, sync, region);
      assert.equal(job.status, 'collected', `${source.name}: ${JSON.stringify(job)}`);
      assert.deepEqual(job.counts, Object.fromEntries(source.stores.map((type) => [type.label, 0])), source.name);
    }
    assert.deepEqual([...run.tree.keys()], []);
    assert.deepEqual(calls(), {
      'acm-pca:ListCertificateAuthorities': 1,
      'cloudtrail:ListChannels': 1,
      'cloudtrail:ListDashboards': 1,
      'cloudtrail:ListEventDataStores': 1,
      'codeartifact:POST /v1/domains': 1,
      'codeartifact:POST /v1/repositories': 1,
      'codebuild:ListProjects': 1,
      'codebuild:ListReportGroups': 1,
      'iot:GET /policies': 1,
      'lex:POST /bots': 1,
      'logs:DescribeDeliveryDestinations': 1,
      'logs:DescribeDestinations': 1,
      'logs:DescribeResourcePolicies': 1,
      'redshift-serverless:ListNamespaces': 1,
      'redshift-serverless:ListSnapshots': 1,
      'redshift:DescribeClusters': 1,
      'route53resolver:ListResolverQueryLogConfigs': 1,
      'route53resolver:ListResolverRules': 1,
      'schemas:GET /v1/registries': 1,
      'serverlessrepo:GET /applications': 1,
      'ses:POST /v2/email/list-identities': 1,
      'ssm-contacts:ListContacts': 1,
      'ssm-incidents:POST /listResponsePlans': 1,
    });
  });
  test('one resource of each type: every job collects it, with the listing calls plus the documented calls per resource', async () => {
    const arns = await seedBacklogResources({ endpoint: h.endpoint, region: REGION, account: ACCOUNT }, state);
    assert.equal(arns.length, 24);
    h.proxy.resetStats();
    const run = await h.collect('seeded', SERVICES);
    assert.equal(run.result.exitCode, 0, JSON.stringify(run.result.summary, null, 2));
    for (const source of SOURCES.filter((s) => SERVICES.includes(s.service))) {
      const [service = '', sync = ''] = source.name.split('/');
      const job = run.job(service, sync, source.scope === 'global' ? 'global' : REGION);
      assert.deepEqual(job, {
        status: 'collected',
        counts: Object.fromEntries(source.stores.map((t) => [t.label, 1])),
      });
    }
    const e = encodeURIComponent;
    const bot = `arn:aws:lex:${REGION}:${ACCOUNT}:bot/SEEDEDBOT1`;
    const alias = `arn:aws:lex:${REGION}:${ACCOUNT}:bot-alias/SEEDEDBOT1/SEEDALIAS1`;
    const plan = `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/seeded`;
    const application = `arn:aws:serverlessrepo:${REGION}:${ACCOUNT}:applications/seeded`;
    assert.deepEqual(calls(), {
      'acm-pca:GetPolicy': 1,
      'acm-pca:ListCertificateAuthorities': 1,
      'acm-pca:ListTags': 1,
      'cloudtrail:GetResourcePolicy': 3,
      'cloudtrail:ListChannels': 1,
      'cloudtrail:ListDashboards': 1,
      'cloudtrail:ListEventDataStores': 1,
      'cloudtrail:ListTags': 3,
      'codeartifact:GET /v1/domain/permissions/policy': 1,
      'codeartifact:GET /v1/repository/permissions/policy': 1,
      'codeartifact:POST /v1/domains': 1,
      'codeartifact:POST /v1/repositories': 1,
      'codeartifact:POST /v1/tags': 2,
      'codebuild:BatchGetProjects': 1,
      'codebuild:BatchGetReportGroups': 1,
      'codebuild:GetResourcePolicy': 2,
      'codebuild:ListProjects': 1,
      'codebuild:ListReportGroups': 1,
      'iot:GET /policies': 1,
      'iot:GET /policies/seeded': 1,
      'iot:GET /tags': 1,
      'iot:POST /policy-targets/seeded': 1,
      'lex:POST /bots': 1,
      'lex:POST /bots/SEEDEDBOT1/botaliases': 1,
      [`lex:GET /policy/${e(alias)}`]: 1,
      [`lex:GET /policy/${e(bot)}`]: 1,
      [`lex:GET /tags/${e(alias)}`]: 1,
      [`lex:GET /tags/${e(bot)}`]: 1,
      'logs:DescribeDeliveryDestinations': 1,
      'logs:DescribeDestinations': 1,
      'logs:DescribeResourcePolicies': 1,
      'logs:GetDeliveryDestinationPolicy': 1,
      'logs:ListTagsForResource': 1,
      'redshift-serverless:GetResourcePolicy': 1,
      'redshift-serverless:ListNamespaces': 1,
      'redshift-serverless:ListSnapshots': 1,
      'redshift-serverless:ListTagsForResource': 1,
      'redshift:DescribeClusters': 1,
      'redshift:GetResourcePolicy': 2,
      'route53resolver:GetResolverQueryLogConfigPolicy': 1,
      'route53resolver:GetResolverRulePolicy': 1,
      'route53resolver:ListResolverQueryLogConfigs': 1,
      'route53resolver:ListResolverRules': 1,
      'route53resolver:ListTagsForResource': 2,
      'schemas:GET /v1/policy': 1,
      'schemas:GET /v1/registries': 1,
      [`serverlessrepo:GET /applications/${e(application)}/policy`]: 1,
      'serverlessrepo:GET /applications': 1,
      'ses:GET /v2/email/identities/seeded.example.com': 1,
      'ses:POST /v2/email/list-identities': 1,
      'ssm-contacts:GetContactPolicy': 1,
      'ssm-contacts:ListContacts': 1,
      'ssm-contacts:ListTagsForResource': 1,
      'ssm-incidents:POST /getResourcePolicies': 1,
      'ssm-incidents:POST /listResponsePlans': 1,
      [`ssm-incidents:GET /tags/${e(plan)}`]: 1,
    });
  });
});
