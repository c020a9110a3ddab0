import { ListModelsCommand, LookoutEquipmentClient } from '@aws-sdk/client-lookoutequipment';
import { FieldCollector, isoDate } from '../fields.js';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { readPolicyAndTags } from './policy-and-tags.js';

/**
 * Lookout for Equipment models with their resource policy (which other accounts may import model
 * versions with ImportModelVersion) and tags. The listing gives name, ARN, dataset, status, creation
 * date and active version; the policy and the tags cost one call each per model
 * (ResourceNotFoundException: no policy).
 */
export const lookoutEquipmentModels: Source = {
  name: 'lookoutequipment/models',
  service: 'lookoutequipment',
  scope: 'regional',
  description: 'Lookout for Equipment models: resource policy, tags',
  apiCalls: [
    'lookoutequipment:ListModels',
    'lookoutequipment:DescribeResourcePolicy',
    'lookoutequipment:ListTagsForResource',
  ],
  stores: [
    { label: 'model', service: 'lookoutequipment', resourceType: 'model', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(LookoutEquipmentClient);
    const pages = await allPages(
      (token) => client.send(new ListModelsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const models = pages.flatMap((page) => page.ModelSummaries ?? []).filter((m) => m.ModelArn && m.ModelName);
    const records = await ctx.map(models, async (model) => {
      const arn = model.ModelArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: model.ModelName,
        datasetArn: model.DatasetArn,
        status: model.Status,
        activeModelVersion: model.ActiveModelVersion,
        createdAt: isoDate(model.CreatedAt),
      };
      return readPolicyAndTags(client, arn, fields);
    });
    return recordsResult(records);
  },
};
