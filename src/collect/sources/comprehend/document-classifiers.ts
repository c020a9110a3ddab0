import { ListDocumentClassifiersCommand } from '@aws-sdk/client-comprehend';
import { allPages } from '../policy-fields.js';
import type { Source } from '../types.js';
import { collectComprehendModels, modelName } from './custom-model-source.js';

/**
 * Comprehend custom document classifiers, one folder per model version (each version has its own
 * ARN), with the resource policy that lets other accounts import the model and tags.
 */
export const comprehendDocumentClassifiers: Source = {
  name: 'comprehend/documentClassifiers',
  service: 'comprehend',
  scope: 'regional',
  description: 'Comprehend custom document classifiers: resource policy, tags',
  apiCalls: [
    'comprehend:ListDocumentClassifiers',
    'comprehend:DescribeResourcePolicy',
    'comprehend:ListTagsForResource',
  ],
  stores: [
    {
      label: 'documentClassifier',
      service: 'comprehend',
      resourceType: 'document-classifier',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  collect(ctx) {
    return collectComprehendModels(ctx, async (client) => {
      const pages = await allPages(
        (token) => client.send(new ListDocumentClassifiersCommand({ MaxResults: 100, NextToken: token })),
        (page) => page.NextToken,
      );
      return pages
        .flatMap((page) => page.DocumentClassifierPropertiesList ?? [])
        .filter((model) => model.DocumentClassifierArn)
        .map((model) => {
          const arn = model.DocumentClassifierArn as string;
          return {
            arn,
            metadata: {
              arn,
              name: modelName(arn),
              versionName: model.VersionName,
              status: model.Status,
              languageCode: model.LanguageCode,
              mode: model.Mode,
            },
          };
        });
    });
  },
};
