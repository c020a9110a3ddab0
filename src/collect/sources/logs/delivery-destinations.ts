import {
  CloudWatchLogsClient,
  DescribeDeliveryDestinationsCommand,
  GetDeliveryDestinationPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * CloudWatch Logs delivery destinations (vended logs): their policy says which accounts may deliver
 * logs to them. The listing gives the metadata and tags; the policy costs one call each.
 */
export const logsDeliveryDestinations: Source = {
  name: 'logs/deliveryDestinations',
  service: 'logs',
  scope: 'regional',
  description: 'CloudWatch Logs delivery destinations: delivery destination policy, destination resource, tags',
  apiCalls: ['logs:DescribeDeliveryDestinations', 'logs:GetDeliveryDestinationPolicy'],
  stores: [
    {
      label: 'deliveryDestination',
      service: 'logs',
      resourceType: 'delivery-destination',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const logs = ctx.client(CloudWatchLogsClient);
    const pages = await allPages(
      (token) => logs.send(new DescribeDeliveryDestinationsCommand({ limit: 50, nextToken: token })),
      (page) => page.nextToken,
    );
    const destinations = pages.flatMap((page) => page.deliveryDestinations ?? []).filter((d) => d.arn && d.name);
    const records = await ctx.map(destinations, async (destination) => {
      const arn = destination.arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: destination.name,
        type: destination.deliveryDestinationType,
        destinationResourceArn: destination.deliveryDestinationConfiguration?.destinationResourceArn,
        outputFormat: destination.outputFormat,
      };
      fields.files.tags = tagsMap(destination.tags);
      const policy = await readResourceField(() =>
        logs.send(new GetDeliveryDestinationPolicyCommand({ deliveryDestinationName: destination.name })),
      );
      fields.set('policy', policy, (out) => policyDocument(out.policy?.deliveryDestinationPolicy));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
