import { BedrockClient, ListCustomModelsCommand } from '@aws-sdk/client-bedrock';
import { FieldCollector, isoDate } from '../fields.js';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { readPolicyAndTags } from './policy-and-tags.js';

/**
 * Bedrock custom models (fine-tuned, continued-pretraining or distilled models) that the account
 * owns, with their resource policy (which other accounts may use or copy them) and tags. Models
 * shared with the account are left out (`isOwned`): their policy belongs to their owner. The
 * listing gives name, ARN, base model and status; the policy and the tags cost one call each.
 */
export const bedrockCustomModels: Source = {
  name: 'bedrock/customModels',
  service: 'bedrock',
  scope: 'regional',
  description: 'Bedrock custom models: resource policy, base model, tags',
  apiCalls: ['bedrock:ListCustomModels', 'bedrock:GetResourcePolicy', 'bedrock:ListTagsForResource'],
  stores: [
    { label: 'customModel', service: 'bedrock', resourceType: 'custom-model', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(BedrockClient);
    const pages = await allPages(
      (token) => client.send(new ListCustomModelsCommand({ isOwned: true, maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const models = pages.flatMap((page) => page.modelSummaries ?? []).filter((model) => model.modelArn);
    const records = await ctx.map(models, async (model) => {
      const arn = model.modelArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: model.modelName,
        baseModelArn: model.baseModelArn,
        customizationType: model.customizationType,
        status: model.modelStatus,
        createdAt: isoDate(model.creationTime),
      };
      return readPolicyAndTags(client, arn, fields);
    });
    return recordsResult(records);
  },
};
