import { IoTSiteWiseClient, ListAccessPoliciesCommand, ListTagsForResourceCommand } from '@aws-sdk/client-iotsitewise';
import { FieldCollector } from '../fields.js';
import { allPages, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * IoT SiteWise Monitor access policies with their tags. An access policy has no policy document: it
 * grants one identity (an IAM Identity Center user or group, an IAM user or role) ADMINISTRATOR or
 * VIEWER permission on one portal or project, so the metadata (identity, resource, permission) is the
 * grant. The listing carries all of it but the ARN, which is built from the id; the tags cost one call
 * per policy.
 */
export const iotsitewiseAccessPolicies: Source = {
  name: 'iotsitewise/accessPolicies',
  service: 'iotsitewise',
  scope: 'regional',
  description: 'IoT SiteWise Monitor access policies: identity, portal or project, permission; tags',
  apiCalls: ['iotsitewise:ListAccessPolicies', 'iotsitewise:ListTagsForResource'],
  stores: [
    { label: 'accessPolicy', service: 'iotsitewise', resourceType: 'access-policy', files: ['metadata', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(IoTSiteWiseClient);
    const pages = await allPages(
      (token) => client.send(new ListAccessPoliciesCommand({ maxResults: 250, nextToken: token })),
      (page) => page.nextToken,
    );
    const policies = pages.flatMap((page) => page.accessPolicySummaries ?? []).filter((policy) => policy.id);
    const records = await ctx.map(policies, async (policy) => {
      const arn = `arn:${ctx.partition}:iotsitewise:${ctx.region}:${ctx.account}:access-policy/${policy.id}`;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id: policy.id,
        identity: policy.identity,
        resource: policy.resource,
        permission: policy.permission,
      };
      const tags = await readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceArn: arn })));
      fields.set('tags', tags, (out) => tagsMap(out.tags));
      return fields;
    });
    return recordsResult(records);
  },
};
