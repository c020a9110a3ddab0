import { ListIdNamespacesCommand } from '@aws-sdk/client-entityresolution';
import type { Source } from '../types.js';
import { collectEntityResolution, PAGE_SIZE } from './policy-source.js';

/**
 * Entity Resolution ID namespaces with their resource policy (which other accounts may use the
 * namespace as the source or target of their ID mapping workflows) and tags.
 */
export const entityResolutionIdNamespaces: Source = {
  name: 'entityresolution/idNamespaces',
  service: 'entityresolution',
  scope: 'regional',
  description: 'Entity Resolution ID namespaces: resource policy, tags',
  apiCalls: ['entityresolution:ListIdNamespaces', 'entityresolution:GetPolicy', 'entityresolution:ListTagsForResource'],
  stores: [
    {
      label: 'idNamespace',
      service: 'entityresolution',
      resourceType: 'idnamespace',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  collect(ctx) {
    return collectEntityResolution(ctx, async (client, token) => {
      const page = await client.send(new ListIdNamespacesCommand({ maxResults: PAGE_SIZE, nextToken: token }));
      return {
        nextToken: page.nextToken,
        summaries: (page.idNamespaceSummaries ?? []).map((namespace) => ({
          arn: namespace.idNamespaceArn,
          name: namespace.idNamespaceName,
          createdAt: namespace.createdAt,
          updatedAt: namespace.updatedAt,
          extra: { type: namespace.type, description: namespace.description },
        })),
      };
    });
  },
};
