import {
  CloudWatchLogsClient,
  DescribeDestinationsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * CloudWatch Logs destinations: the cross-account subscription targets. Their access policy says which
 * accounts may subscribe log groups to them, and comes with the listing; tags cost one call each.
 */
export const logsDestinations: Source = {
  name: 'logs/destinations',
  service: 'logs',
  scope: 'regional',
  description: 'CloudWatch Logs destinations: access policy, target, role, tags',
  apiCalls: ['logs:DescribeDestinations', 'logs:ListTagsForResource'],
  stores: [
    { label: 'destination', service: 'logs', resourceType: 'destination', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const logs = ctx.client(CloudWatchLogsClient);
    const pages = await allPages(
      (token) => logs.send(new DescribeDestinationsCommand({ limit: 50, nextToken: token })),
      (page) => page.nextToken,
    );
    const destinations = pages.flatMap((page) => page.destinations ?? []).filter((d) => d.arn && d.destinationName);
    const records = await ctx.map(destinations, async (destination) => {
      const arn = destination.arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: destination.destinationName,
        roleArn: destination.roleArn,
        targetArn: destination.targetArn,
      };
      fields.files.policy = policyDocument(destination.accessPolicy);
      const tags = await readResourceField(() => logs.send(new ListTagsForResourceCommand({ resourceArn: arn })));
      fields.set('tags', tags, (out) => tagsMap(out.tags));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
