/**
 * `iamwright collect policy`: the collector's own least-privilege policies (management and member
 * accounts), written by the write-policy engine from the API calls the sources declare. Every declared
 * call must be a real action of the bundled IAM dataset (this catches a typo in any source).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  type CollectorPolicyPlan,
  collectorPolicies,
  planFromConfig,
  renderCollectorPolicies,
  unknownApiCalls,
} from '../../src/collect/commands/collector-policy.js';
import { parseConfigText } from '../../src/collect/config/load.js';
import { SERVICE_CODES } from '../../src/collect/config/services.js';
import type { ConfigLayer } from '../../src/collect/config/types.js';
import { SOURCES } from '../../src/collect/sources/registry.js';
import type { Source } from '../../src/collect/sources/types.js';
import { bundledDataset } from '../../src/data/load.js';
import type { PolicyDocument } from '../../src/policy/document.js';
import { POLICY_SIZE_LIMITS, policySize, splitPolicy } from '../../src/policy/size.js';
import { DataError } from '../../src/util/errors.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const dataset = bundledDataset();
const work = mkdtempSync(join(tmpdir(), 'iamwright-collector-policy-'));
after(() => rmSync(work, { recursive: true, force: true }));

const layer = (text: string, file = 'iamwright.jsonc'): ConfigLayer => ({ file, config: parseConfigText(text, file) });

/** IAM, Organizations and S3 (and a service no source collects), organization accounts, two roles. */
const SMALL_CONFIG = `{
  // the collector's own policy for IAM, Organizations and S3 only
  "accounts": "organization",
  "services": { "included": ["iam", "organizations", "s3", "s3outposts"] },
  "auth": { "role": { "pathAndName": "/security/iam-collect-reader", "externalId": "x" } },
  "accountConfigs": { "210987654321": { "auth": { "role": { "pathAndName": "legacy-reader" } } } }
}`;

const SMALL_READS = [
  'account:List*',
  'iam:GetAccountAuthorization*',
  'iam:GetInstance*',
  'iam:GetOpen*',
  'iam:GetSAML*',
  'iam:ListInstanceProfiles',
  'iam:ListOpenIDConnectProviders',
  'iam:ListPolicyTags',
  'iam:ListSAMLProviders',
];
const SMALL_S3 = [
  's3:GetAccessPoint',
  's3:GetAccessPointPolicy',
  's3:GetAccount*',
  's3:GetBucketAbac',
  's3:GetBucketPolicy',
  's3:GetBucketPublic*',
  's3:GetBucketTagging',
  's3:GetEncryption*',
  's3:GetMultiRegionAccessPointPolicy',
  's3:ListAccessPoints',
  's3:ListAll*',
  's3:ListMultiRegion*',
];
const SMALL_POLICIES = {
  management: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'IamwrightCollectorRead',
        Effect: 'Allow',
        Action: [
          ...SMALL_READS,
          'organizations:DescribeOrganization',
          'organizations:DescribePolicy',
          'organizations:DescribeResource*',
          'organizations:ListAccounts',
          'organizations:ListAccountsFor*',
          'organizations:ListDelegated*',
          'organizations:ListOrganizational*',
          'organizations:ListPolicies*',
          'organizations:ListRoots',
          'organizations:ListTags*',
          ...SMALL_S3,
        ],
        Resource: ['*'],
      },
      {
        Sid: 'AssumeRole',
        Effect: 'Allow',
        Action: ['sts:AssumeRole'],
        Resource: ['arn:aws:iam::*:role/security/iam-collect-reader', 'arn:aws:iam::210987654321:role/legacy-reader'],
      },
    ],
  },
  member: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'IamwrightCollectorRead',
        Effect: 'Allow',
        Action: [...SMALL_READS, 'organizations:DescribeOrganization', ...SMALL_S3],
        Resource: ['*'],
      },
    ],
  },
};

/** Whether a policy's Allow statements grant `action` (IAM's case-insensitive `*`/`?` matching). */
function grants(policy: PolicyDocument, action: string): boolean {
  return policy.Statement.some((statement) =>
    statement.Action.some((pattern) => {
      const regex = new RegExp(`^${pattern.replaceAll('*', '.*').replaceAll('?', '.')}$`, 'i');
      return regex.test(action);
    }),
  );
}

/** Every action of the dataset that a policy's patterns match. */
function grantedActions(policy: PolicyDocument): string[] {
  const services = new Set(policy.Statement.flatMap((s) => s.Action.map((a) => a.split(':')[0] as string)));
  return [...services].flatMap((prefix) =>
    (dataset.getService(prefix)?.actions ?? [])
      .map((action) => `${prefix}:${action.name}`)
      .filter((action) => grants(policy, action)),
  );
}

describe('the API calls sources declare', () => {
  test('every one is an action of the bundled IAM dataset', () => {
    assert.deepEqual(unknownApiCalls(SOURCES, dataset), []);
  });

  test('a typo is reported with its source, and stops the policy with a DataError', () => {
    const typo: Source = {
      ...(SOURCES.find((s) => s.name === 'iam/oidcProviders') as Source),
      name: 'iam/typo',
      apiCalls: ['iam:ListOpenIDConnectProvider', 'nosuchservice:List', 'iam:GetOpenIDConnectProvider'],
    };
    assert.deepEqual(unknownApiCalls([typo], dataset), [
      { source: 'iam/typo', action: 'iam:ListOpenIDConnectProvider' },
      { source: 'iam/typo', action: 'nosuchservice:List' },
    ]);
    const plan = planFromConfig([], [typo]);
    assert.throws(
      () => collectorPolicies(plan, [typo], { dataset, partition: 'aws' }),
      (error: unknown) =>
        error instanceof DataError &&
        error.message ===
          `the IAM dataset (${dataset.location}) does not know iam:ListOpenIDConnectProvider (iam/typo), nosuchservice:List (iam/typo): run \`iamwright data update\`, or use the bundled dataset`,
    );
  });
});

describe('planFromConfig: what the configuration asks the collector to do', () => {
  const collected = SERVICE_CODES.filter((service) => SOURCES.some((source) => source.service === service));
  const cases: Array<{ name: string; layers: ConfigLayer[]; cli?: string[]; plan: CollectorPolicyPlan }> = [
    {
      name: 'no configuration: every service with a source, regions discovered',
      layers: [],
      plan: { services: collected, unsupported: [], memberRoles: [], listRegions: true, listAccounts: false },
    },
    {
      name: 'services, organization accounts, a role and a per-account role',
      layers: [layer(SMALL_CONFIG)],
      plan: {
        services: ['iam', 'organizations', 's3'],
        unsupported: ['s3outposts'],
        memberRoles: [
          { account: '*', pathAndName: '/security/iam-collect-reader' },
          { account: '210987654321', pathAndName: 'legacy-reader' },
        ],
        listRegions: true,
        listAccounts: true,
      },
    },
    {
      name: 'a region list: account:ListRegions is never called',
      layers: [layer('{ "regions": { "included": ["us-east-1"] }, "services": { "included": ["kms"] } }')],
      plan: { services: ['kms'], unsupported: [], memberRoles: [], listRegions: false, listAccounts: false },
    },
    {
      name: 'global services only: no regions to discover',
      layers: [layer('{ "services": { "included": ["iam", "organizations"] } }')],
      plan: {
        services: ['iam', 'organizations'],
        unsupported: [],
        memberRoles: [],
        listRegions: false,
        listAccounts: false,
      },
    },
    {
      name: 'an account adds a service back; files apply in order; roles under services and accounts',
      layers: [
        layer(
          `{ "services": { "included": ["iam", "sqs", "kms"] },
             "serviceConfigs": { "kms": { "auth": { "role": { "pathAndName": "/kms-reader" } } } },
             "accountConfigs": { "111122223333": { "services": { "included": ["sso"] },
               "serviceConfigs": { "sso": { "regionConfigs": { "eu-west-1": { "auth": { "role": { "pathAndName": "/sso-reader" } } } } } } } } }`,
          'base.jsonc',
        ),
        layer('{ "services": { "excluded": ["sqs"] } }', 'override.jsonc'),
      ],
      plan: {
        services: ['iam', 'kms', 'sso'],
        unsupported: [],
        memberRoles: [
          { account: '*', pathAndName: '/kms-reader' },
          { account: '111122223333', pathAndName: '/sso-reader' },
        ],
        listRegions: true,
        listAccounts: false,
      },
    },
    {
      name: '--services replaces the full list before the files filter it',
      layers: [layer('{ "services": { "excluded": ["sqs"] } }')],
      cli: ['sqs', 'kms', 's3outposts'],
      plan: { services: ['kms'], unsupported: ['s3outposts'], memberRoles: [], listRegions: true, listAccounts: false },
    },
  ];
  for (const { name, layers, cli, plan } of cases) {
    test(name, () => {
      assert.deepEqual(planFromConfig(layers, SOURCES, cli as CollectorPolicyPlan['services'] | undefined), plan);
    });
  }
});

describe('collectorPolicies', () => {
  test('IAM, Organizations and S3 with two roles: the whole management and member policies', () => {
    const policies = collectorPolicies(planFromConfig([layer(SMALL_CONFIG)], SOURCES), SOURCES, {
      dataset,
      partition: 'aws',
    });
    assert.deepEqual(policies, SMALL_POLICIES);
  });

  test('every service: each declared call granted, nothing else, member without the organization reads', () => {
    const policies = collectorPolicies(planFromConfig([], SOURCES), SOURCES, { dataset, partition: 'aws-cn' });
    const calls = new Set([...SOURCES.flatMap((s) => s.apiCalls), 'account:ListRegions']);
    const managementOnly = [...calls].filter(
      (c) => c.startsWith('organizations:') && c !== 'organizations:DescribeOrganization',
    );
    assert.ok(managementOnly.length > 5, 'the organization source declares its reads');
    for (const call of calls) {
      assert.ok(grants(policies.management, call), `management grants ${call}`);
      assert.equal(grants(policies.member, call), !managementOnly.includes(call), `member and ${call}`);
    }
    // shrink's wildcards match only calls the sources make, in this dataset
    const lower = new Set([...calls].map((c) => c.toLowerCase()));
    assert.deepEqual(
      grantedActions(policies.management).filter((action) => !lower.has(action.toLowerCase())),
      [],
    );
    for (const policy of [policies.management, policies.member]) {
      assert.deepEqual(
        policy.Statement.map((s) => [s.Sid, s.Resource]),
        [['IamwrightCollectorRead', ['*']]],
      );
      // With every service (seventy and counting) the management policy outgrows a managed policy (6,144
      // characters; the CLI warns) but fits an inline role policy.
      assert.ok(
        policySize(policy) <= POLICY_SIZE_LIMITS['inline-role'],
        `${policySize(policy)} fits an inline role policy`,
      );
    }
  });
});

describe('the collect policy command', () => {
  const nowhere = join(tmpdir(), 'iamwright-no-aws-config');
  const run = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const env = {
        PATH: process.env.PATH,
        HOME: work,
        AWS_CONFIG_FILE: join(nowhere, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(nowhere, 'credentials'),
      };
      execFile(join(ROOT, 'bin/iamwright'), args, { env, cwd: work }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  const config = join(work, 'small.jsonc');
  writeFileSync(config, SMALL_CONFIG);

  test('prints {management, member} as JSON, warning about services it cannot grant', async () => {
    const result = await run(['collect', 'policy', '-c', config]);
    assert.equal(result.code, 0);
    assert.equal(result.stderr, 'iamwright: warning: no source of this version collects s3outposts: nothing granted\n');
    assert.equal(result.stdout, renderCollectorPolicies(SMALL_POLICIES as never, 'json'));
    assert.deepEqual(JSON.parse(result.stdout), SMALL_POLICIES);
  });

  test('--fmt yaml, terraform and terraform-hcl render the same policies', async () => {
    for (const fmt of ['yaml', 'terraform', 'terraform-hcl'] as const) {
      const result = await run(['collect', 'policy', '-c', config, '--fmt', fmt]);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, renderCollectorPolicies(SMALL_POLICIES as never, fmt));
    }
    const terraform = await run(['collect', 'policy', '-c', config, '--fmt', 'terraform']);
    const { management, member } = JSON.parse(terraform.stdout) as Record<string, string>;
    assert.deepEqual({ management: JSON.parse(management ?? ''), member: JSON.parse(member ?? '') }, SMALL_POLICIES);
    const hcl = await run(['collect', 'policy', '-c', config, '--fmt', 'terraform-hcl']);
    assert.deepEqual(
      hcl.stdout.split('\n').filter((line) => line.startsWith('data ')),
      [
        'data "aws_iam_policy_document" "iamwright_collector_management" {',
        'data "aws_iam_policy_document" "iamwright_collector_member" {',
      ],
    );
  });

  test('--max-size splits each policy into a list of policies that fit, granting exactly the same', async () => {
    const expected = collectorPolicies(planFromConfig([], SOURCES), SOURCES, { dataset, partition: 'aws' });
    const limit = POLICY_SIZE_LIMITS.managed;
    const all = await run(['collect', 'policy', '--max-size', String(limit)]);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(all.stderr, '');
    const split = JSON.parse(all.stdout) as { management: PolicyDocument[]; member: PolicyDocument[] };
    for (const kind of ['management', 'member'] as const) {
      assert.ok(split[kind].length > 1, `${kind}: every service needs more than one managed policy`);
      for (const policy of split[kind]) assert.ok(policySize(policy) <= limit, `${kind}: ${policySize(policy)} fits`);
      assert.deepEqual(split[kind].flatMap(grantedActions).sort(), grantedActions(expected[kind]).sort());
    }
    assert.deepEqual(split, {
      management: splitPolicy(expected.management, limit),
      member: splitPolicy(expected.member, limit),
    });
    const small = await run(['collect', 'policy', '-c', config, '--max-size', '400', '--fmt', 'terraform']);
    assert.equal(small.code, 0, small.stderr);
    const texts = JSON.parse(small.stdout) as { management: string[]; member: string[] };
    assert.deepEqual(
      { management: texts.management.map((t) => JSON.parse(t)), member: texts.member.map((t) => JSON.parse(t)) },
      {
        management: splitPolicy(SMALL_POLICIES.management as PolicyDocument, 400),
        member: splitPolicy(SMALL_POLICIES.member as PolicyDocument, 400),
      },
    );
    const hcl = await run(['collect', 'policy', '-c', config, '--max-size', '400', '--fmt', 'terraform-hcl']);
    assert.deepEqual(
      hcl.stdout.split('\n').filter((line) => line.startsWith('data ')),
      [
        ...texts.management.map((_, i) => `data "aws_iam_policy_document" "iamwright_collector_management_${i + 1}" {`),
        ...texts.member.map((_, i) => `data "aws_iam_policy_document" "iamwright_collector_member_${i + 1}" {`),
      ],
    );
    const bad = await run(['collect', 'policy', '--max-size', '50']);
    assert.deepEqual(
      [bad.code, bad.stderr],
      [
        2,
        "error: option '--max-size <characters>' argument '50' is invalid. expected an integer >= 100.\n(run with --help for usage)\n",
      ],
    );
  });

  test('without a configuration file: every service; --services narrows it', async () => {
    const all = await run(['collect', 'policy']);
    assert.equal(all.code, 0, all.stderr);
    const expected = collectorPolicies(planFromConfig([], SOURCES), SOURCES, { dataset, partition: 'aws' });
    assert.equal(all.stdout, renderCollectorPolicies(expected, 'json'));
    const kms = await run(['collect', 'policy', '--services', 'kms', '--partition', 'aws-us-gov']);
    assert.deepEqual(JSON.parse(kms.stdout), {
      management: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'IamwrightCollectorRead',
            Effect: 'Allow',
            Action: ['account:List*', 'kms:GetKeyPolicy', 'kms:ListAliases', 'kms:ListKeys', 'kms:ListResource*'],
            Resource: ['*'],
          },
        ],
      },
      member: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'IamwrightCollectorRead',
            Effect: 'Allow',
            Action: ['account:List*', 'kms:GetKeyPolicy', 'kms:ListAliases', 'kms:ListKeys', 'kms:ListResource*'],
            Resource: ['*'],
          },
        ],
      },
    });
  });

  test('usage errors: an unknown service, a missing file (exit 2, one line)', async () => {
    const unknown = await run(['collect', 'policy', '--services', 'nope']);
    assert.equal(unknown.code, 2);
    assert.equal(
      unknown.stderr,
      `iamwright: --services: unknown service "nope" (expected one of: ${SERVICE_CODES.join(', ')})\n`,
    );
    const missing = await run(['collect', 'policy', '-c', join(work, 'absent.jsonc')]);
    assert.equal(missing.code, 2);
    assert.equal(
      missing.stderr,
      `iamwright: ${join(work, 'absent.jsonc')}: config file not found (create one with \`iamwright collect init\`)\n`,
    );
    assert.equal(missing.stdout, '');
  });
});
