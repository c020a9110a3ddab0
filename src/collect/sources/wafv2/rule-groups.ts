import {
  GetPermissionPolicyCommand,
  ListRuleGroupsCommand,
  ListTagsForResourceCommand,
  type RuleGroupSummary,
  type Scope,
  WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { errorName } from '../../aws/errors.js';
import { FieldCollector, type FieldResult, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source, StoredType } from '../types.js';

/** Rule groups for CloudFront are managed from one region per partition (us-east-1); other partitions lack them. */
const CLOUDFRONT_REGION: Readonly<Record<string, string>> = { aws: 'us-east-1' };

/**
 * Every kind of WAF resource of a scope shares one folder (`wafv2/<r>/regional/<kind>%2f<name>%2f<id>`,
 * from ARNs like `regional/rulegroup/<name>/<id>`): this source owns only the rule groups in it.
 */
const ownsRuleGroup: NonNullable<StoredType['owns']> = (metadata) =>
  typeof metadata?.arn === 'string' && /:(regional|global)\/rulegroup\//.test(metadata.arn);

/**
 * WAF rule groups of the account with their permission policy (PutPermissionPolicy: the accounts a
 * rule group is shared with, through RAM or directly) and tags. REGIONAL rule groups are listed in
 * every region; CLOUDFRONT ones, whose ARNs name us-east-1 and a `global/` type, in us-east-1 only.
 * The listing gives names, ids and ARNs; the policy and the tags cost one call each per rule group.
 */
export const wafv2RuleGroups: Source = {
  name: 'wafv2/ruleGroups',
  service: 'wafv2',
  scope: 'regional',
  description: 'WAF rule groups (regional, and CloudFront in us-east-1): permission policy, tags',
  apiCalls: ['wafv2:ListRuleGroups', 'wafv2:GetPermissionPolicy', 'wafv2:ListTagsForResource'],
  stores: [
    {
      label: 'ruleGroup',
      service: 'wafv2',
      resourceType: 'regional',
      files: ['metadata', 'policy', 'tags'],
      owns: ownsRuleGroup,
    },
    {
      label: 'cloudfrontRuleGroup',
      service: 'wafv2',
      resourceType: 'global',
      files: ['metadata', 'policy', 'tags'],
      owns: ownsRuleGroup,
    },
  ],

  async collect(ctx) {
    const client = ctx.client(WAFV2Client);
    const scopes: Scope[] = ['REGIONAL'];
    if (CLOUDFRONT_REGION[ctx.partition] === ctx.region) scopes.push('CLOUDFRONT');
    const listed: Array<{ scope: Scope; group: RuleGroupSummary }> = [];
    for (const scope of scopes) {
      const pages = await allPages(
        (token) => client.send(new ListRuleGroupsCommand({ Scope: scope, Limit: 100, NextMarker: token })),
        (page) => page.NextMarker,
      );
      for (const page of pages) for (const group of page.RuleGroups ?? []) if (group.ARN) listed.push({ scope, group });
    }

    const records = await ctx.map(listed, async ({ scope, group }) => {
      const arn = group.ARN as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name: group.Name, id: group.Id, description: group.Description, scope };
      const [policy, tags] = await Promise.all([
        readWafField(() => client.send(new GetPermissionPolicyCommand({ ResourceArn: arn }))),
        readWafField(() =>
          allPages(
            (token) => client.send(new ListTagsForResourceCommand({ ResourceARN: arn, Limit: 100, NextMarker: token })),
            (page) => page.NextMarker,
          ),
        ),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (pages) => tagsObject(pages.flatMap((page) => page.TagInfoForResource?.TagList ?? [])));
      return fields;
    });
    return recordsResult(records);
  },
};

/**
 * `readResourceField` for WAF, which answers WAFNonexistentItemException where other services say
 * NotFound: for a rule group without a permission policy, or one deleted since the listing. Absent.
 */
async function readWafField<T>(read: () => Promise<T>): Promise<FieldResult<T>> {
  try {
    return await readResourceField(read);
  } catch (error) {
    if (errorName(error) === 'WAFNonexistentItemException') return { state: 'absent' };
    throw error;
  }
}
