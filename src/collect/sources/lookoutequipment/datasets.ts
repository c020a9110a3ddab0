import { ListDatasetsCommand, LookoutEquipmentClient } from '@aws-sdk/client-lookoutequipment';
import { FieldCollector, isoDate } from '../fields.js';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { readPolicyAndTags } from './policy-and-tags.js';

/**
 * Lookout for Equipment datasets with their resource policy (which other accounts may import the
 * dataset with ImportDataset) and tags. The listing gives name, ARN, status and creation date; the
 * policy and the tags cost one call each per dataset (ResourceNotFoundException: no policy).
 */
export const lookoutEquipmentDatasets: Source = {
  name: 'lookoutequipment/datasets',
  service: 'lookoutequipment',
  scope: 'regional',
  description: 'Lookout for Equipment datasets: resource policy, tags',
  apiCalls: [
    'lookoutequipment:ListDatasets',
    'lookoutequipment:DescribeResourcePolicy',
    'lookoutequipment:ListTagsForResource',
  ],
  stores: [
    { label: 'dataset', service: 'lookoutequipment', resourceType: 'dataset', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(LookoutEquipmentClient);
    const pages = await allPages(
      (token) => client.send(new ListDatasetsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const datasets = pages.flatMap((page) => page.DatasetSummaries ?? []).filter((d) => d.DatasetArn && d.DatasetName);
    const records = await ctx.map(datasets, async (dataset) => {
      const arn = dataset.DatasetArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: dataset.DatasetName,
        status: dataset.Status,
        createdAt: isoDate(dataset.CreatedAt),
      };
      return readPolicyAndTags(client, arn, fields);
    });
    return recordsResult(records);
  },
};
