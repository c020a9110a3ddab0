/**
 * What AWS WAF Classic (global, `waf`) and WAF Classic Regional (`waf-regional`) share: the two APIs
 * are the same but for their client package and ARN, so each source passes its own client's calls
 * (kept as static named imports in its own file, which the SDK bundler needs) and this module does
 * the listing, the per-rule-group reads and the records.
 */
import { errorName } from '../../aws/errors.js';
import { FieldCollector, type FieldResult, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { SourceContext, SourceResult } from '../types.js';

/** The three calls of one WAF Classic client, in the shapes both clients answer. */
export interface ClassicRuleGroupCalls {
  listRuleGroups(
    marker: string | undefined,
  ): Promise<{ RuleGroups?: Array<{ RuleGroupId?: string; Name?: string }>; NextMarker?: string }>;
  getPermissionPolicy(arn: string): Promise<{ Policy?: string }>;
  listTags(
    arn: string,
    marker: string | undefined,
  ): Promise<{ TagInfoForResource?: { TagList?: Array<{ Key?: string; Value?: string }> }; NextMarker?: string }>;
}

/**
 * The account's rule groups with their permission policy (PutPermissionPolicy: the accounts a rule
 * group is shared with) and tags. The listing gives ids and names only; `arnPrefix` (up to and
 * including the account's `:`) makes each ARN, `<prefix>rulegroup/<id>`. The policy and the tags cost
 * one call each per rule group.
 */
export async function collectClassicRuleGroups(
  ctx: SourceContext,
  calls: ClassicRuleGroupCalls,
  arnPrefix: string,
): Promise<SourceResult> {
  const pages = await allPages(
    (marker) => calls.listRuleGroups(marker),
    (page) => page.NextMarker,
  );
  const groups = pages.flatMap((page) => page.RuleGroups ?? []).filter((group) => group.RuleGroupId);
  const records = await ctx.map(groups, async (group) => {
    const arn = `${arnPrefix}rulegroup/${group.RuleGroupId}`;
    const fields = new FieldCollector(arn);
    fields.files.metadata = { arn, id: group.RuleGroupId, name: group.Name };
    const [policy, tags] = await Promise.all([
      readClassicField(() => calls.getPermissionPolicy(arn)),
      readClassicField(() =>
        allPages(
          (marker) => calls.listTags(arn, marker),
          (page) => page.NextMarker,
        ),
      ),
    ]);
    fields.set('policy', policy, (out) => policyDocument(out.Policy));
    fields.set('tags', tags, (all) => tagsObject(all.flatMap((page) => page.TagInfoForResource?.TagList ?? [])));
    return fields;
  });
  return recordsResult(records);
}

/**
 * `readResourceField` for WAF Classic, which answers WAFNonexistentItemException where other services
 * say NotFound: for a rule group without a permission policy, or one deleted since the listing. Absent.
 */
async function readClassicField<T>(read: () => Promise<T>): Promise<FieldResult<T>> {
  try {
    return await readResourceField(read);
  } catch (error) {
    if (errorName(error) === 'WAFNonexistentItemException') return { state: 'absent' };
    throw error;
  }
}
