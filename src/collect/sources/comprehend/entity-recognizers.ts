import { ListEntityRecognizersCommand } from '@aws-sdk/client-comprehend';
import { allPages } from '../policy-fields.js';
import type { Source } from '../types.js';
import { collectComprehendModels, modelName } from './custom-model-source.js';

/**
 * Comprehend custom entity recognizers, one folder per model version (each version has its own
 * ARN), with the resource policy that lets other accounts import the model and tags.
 */
export const comprehendEntityRecognizers: Source = {
  name: 'comprehend/entityRecognizers',
  service: 'comprehend',
  scope: 'regional',
  description: 'Comprehend custom entity recognizers: resource policy, tags',
  apiCalls: ['comprehend:ListEntityRecognizers', 'comprehend:DescribeResourcePolicy', 'comprehend:ListTagsForResource'],
  stores: [
    {
      label: 'entityRecognizer',
      service: 'comprehend',
      resourceType: 'entity-recognizer',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  collect(ctx) {
    return collectComprehendModels(ctx, async (client) => {
      const pages = await allPages(
        (token) => client.send(new ListEntityRecognizersCommand({ MaxResults: 100, NextToken: token })),
        (page) => page.NextToken,
      );
      return pages
        .flatMap((page) => page.EntityRecognizerPropertiesList ?? [])
        .filter((model) => model.EntityRecognizerArn)
        .map((model) => {
          const arn = model.EntityRecognizerArn as string;
          return {
            arn,
            metadata: {
              arn,
              name: modelName(arn),
              versionName: model.VersionName,
              status: model.Status,
              languageCode: model.LanguageCode,
            },
          };
        });
    });
  },
};
