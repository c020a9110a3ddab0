/**
 * Seeds, through the real SDK, the resources the aoss, ecr-public and wafv2 sources collect (issue 5),
 * in one account and its regions: moto for what it holds, with the proxy and the emulations of
 * aoss-ecr-public-wafv2-emulators.ts in front of it for the rest. Used by the per-service tests (on
 * the management account) and by the all-services world (every account, its assumed-role credentials).
 */
import * as aoss from '@aws-sdk/client-opensearchserverless';
import * as ecrPublic from '@aws-sdk/client-ecr-public';
import * as wafv2 from '@aws-sdk/client-wafv2';
import { MANAGEMENT_ACCOUNT } from './harness.js';
import { allowAccount, type ResourceSeedTarget, seedClientConfig, tagList } from './resource-seeds.js';

/** The account another account's resources are shared with: the management account, or a partner for it. */
function partner(account: string): string {
  return account === MANAGEMENT_ACCOUNT ? '111122223333' : MANAGEMENT_ACCOUNT;
}

function seeded(target: ResourceSeedTarget) {
  return { account: target.account ?? MANAGEMENT_ACCOUNT, regions: target.regions ?? ['us-east-1', 'us-west-2'] };
}

/**
 * OpenSearch Serverless, per region: a data access policy `logs-read` (a role of the partner account
 * may read the `logs` collection's indexes), network policies `logs-public` (public access) and
 * `logs-vpc` (one VPC endpoint only), and an encryption policy `logs-key`, which is not a network
 * policy and so is not collected.
 */
export async function seedAoss(target: ResourceSeedTarget): Promise<void> {
  const { account, regions } = seeded(target);
  for (const region of regions) {
    const client = new aoss.OpenSearchServerlessClient(seedClientConfig(target, region));
    await client.send(
      new aoss.CreateAccessPolicyCommand({
        name: 'logs-read',
        type: 'data',
        description: 'Log readers of the partner account',
        policy: JSON.stringify([
          {
            Description: 'Read the logs indexes',
            Rules: [
              {
                ResourceType: 'index',
                Resource: ['index/logs/*'],
                Permission: ['aoss:ReadDocument', 'aoss:DescribeIndex'],
              },
              {
                ResourceType: 'collection',
                Resource: ['collection/logs'],
                Permission: ['aoss:DescribeCollectionItems'],
              },
            ],
            Principal: [`arn:aws:iam::${partner(account)}:role/log-reader`],
          },
        ]),
      }),
    );
    await client.send(
      new aoss.CreateSecurityPolicyCommand({
        name: 'logs-public',
        type: 'network',
        description: 'Public dashboards',
        policy: JSON.stringify([
          { Rules: [{ ResourceType: 'dashboard', Resource: ['collection/logs'] }], AllowFromPublic: true },
        ]),
      }),
    );
    await client.send(
      new aoss.CreateSecurityPolicyCommand({
        name: 'logs-vpc',
        type: 'network',
        policy: JSON.stringify([
          {
            Rules: [{ ResourceType: 'collection', Resource: ['collection/logs'] }],
            AllowFromPublic: false,
            SourceVPCEs: ['vpce-0123456789abcdef0'],
          },
        ]),
      }),
    );
    await client.send(
      new aoss.CreateSecurityPolicyCommand({
        name: 'logs-key',
        type: 'encryption',
        policy: JSON.stringify({
          Rules: [{ ResourceType: 'collection', Resource: ['collection/logs'] }],
          AWSOwnedKey: true,
        }),
      }),
    );
    client.destroy();
  }
}

/**
 * ECR Public (global: its API is in us-east-1): a repository `web-app` whose policy lets the partner
 * account push, with tags, and a bare repository `tools`.
 */
export async function seedEcrPublic(target: ResourceSeedTarget): Promise<void> {
  const { account } = seeded(target);
  const client = new ecrPublic.ECRPUBLICClient(seedClientConfig(target, 'us-east-1'));
  await client.send(
    new ecrPublic.CreateRepositoryCommand({ repositoryName: 'web-app', tags: tagList({ team: 'web' }) }),
  );
  await client.send(
    new ecrPublic.SetRepositoryPolicyCommand({
      repositoryName: 'web-app',
      policyText: allowAccount(
        partner(account),
        ['ecr-public:InitiateLayerUpload', 'ecr-public:UploadLayerPart', 'ecr-public:PutImage'],
        `arn:aws:ecr-public::${account}:repository/web-app`,
        'PartnerPush',
      ),
    }),
  );
  await client.send(new ecrPublic.CreateRepositoryCommand({ repositoryName: 'tools' }));
  client.destroy();
}

/** The ARNs `seedWafv2` made, by `<region>/<name>`. */
export type SeededRuleGroups = Record<string, string>;

const VISIBILITY = { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: 'seed' };

/**
 * WAF rule groups, per region: `shared-blocklist` (REGIONAL), shared with the partner account by a
 * permission policy, with tags, and a bare `internal`; in us-east-1 also `edge-blocklist` (CLOUDFRONT),
 * shared the same way.
 */
export async function seedWafv2(target: ResourceSeedTarget): Promise<SeededRuleGroups> {
  const { account, regions } = seeded(target);
  const arns: SeededRuleGroups = {};
  for (const region of regions) {
    const client = new wafv2.WAFV2Client(seedClientConfig(target, region));
    const create = async (name: string, scope: wafv2.Scope, tags?: Record<string, string>) => {
      const out = await client.send(
        new wafv2.CreateRuleGroupCommand({
          Name: name,
          Scope: scope,
          Capacity: 10,
          VisibilityConfig: VISIBILITY,
          ...(tags ? { Tags: tagList(tags) } : {}),
        }),
      );
      const arn = out.Summary?.ARN ?? '';
      arns[`${region}/${name}`] = arn;
      return arn;
    };
    const share = (arn: string) =>
      client.send(
        new wafv2.PutPermissionPolicyCommand({
          ResourceArn: arn,
          Policy: allowAccount(
            partner(account),
            ['wafv2:CreateWebACL', 'wafv2:UpdateWebACL', 'wafv2:PutFirewallManagerRuleGroups'],
            arn,
            'ShareRuleGroup',
          ),
        }),
      );
    await share(await create('shared-blocklist', 'REGIONAL', { team: 'security' }));
    await create('internal', 'REGIONAL');
    if (region === 'us-east-1') await share(await create('edge-blocklist', 'CLOUDFRONT', { team: 'edge' }));
    client.destroy();
  }
  return arns;
}
