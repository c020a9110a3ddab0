import {
  GetResourcePoliciesCommand,
  ListResponsePlansCommand,
  ListTagsForResourceCommand,
  SSMIncidentsClient,
} from '@aws-sdk/client-ssm-incidents';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * Incident Manager response plans with their resource policies (one per RAM share: which accounts may
 * use the plan) and tags. Response plan ARNs have no region (`arn:aws:ssm-incidents::<account>:response-plan/<name>`),
 * so the source is global: it runs once per account, in the partition's home region, and stores
 * `ssm-incidents/response-plan/<name>/`. `policies.json` = `[{PolicyId, PolicyDocument, RamResourceShareRegion}]`.
 */
export const ssmIncidentsResponsePlans: Source = {
  name: 'ssm-incidents/responsePlans',
  service: 'ssm-incidents',
  scope: 'global',
  description: 'Incident Manager response plans: resource policies (RAM shares), tags',
  apiCalls: [
    'ssm-incidents:ListResponsePlans',
    'ssm-incidents:GetResourcePolicies',
    'ssm-incidents:ListTagsForResource',
  ],
  stores: [
    {
      label: 'responsePlan',
      service: 'ssm-incidents',
      resourceType: 'response-plan',
      files: ['metadata', 'policies', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(SSMIncidentsClient);
    const pages = await allPages(
      (token) => client.send(new ListResponsePlansCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const plans = pages.flatMap((page) => page.responsePlanSummaries ?? []).filter((p) => p.arn);
    const records = await ctx.map(plans, async (plan) => {
      const arn = plan.arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name: plan.name, displayName: plan.displayName };
      const [policies, tags] = await Promise.all([
        readResourceField(() =>
          allPages(
            (token) =>
              client.send(new GetResourcePoliciesCommand({ resourceArn: arn, maxResults: 100, nextToken: token })),
            (page) => page.nextToken,
          ),
        ),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
      ]);
      fields.set('policies', policies, (out) => {
        const list = out
          .flatMap((page) => page.resourcePolicies ?? [])
          .map((p) => ({
            PolicyId: p.policyId,
            PolicyDocument: policyDocument(p.policyDocument),
            RamResourceShareRegion: p.ramResourceShareRegion,
          }));
        return list.length > 0 ? list : undefined;
      });
      fields.set('tags', tags, (out) => tagsMap(out.tags));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
