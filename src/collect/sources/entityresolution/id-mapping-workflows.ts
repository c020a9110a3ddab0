import { ListIdMappingWorkflowsCommand } from '@aws-sdk/client-entityresolution';
import type { Source } from '../types.js';
import { collectEntityResolution, PAGE_SIZE } from './policy-source.js';

/**
 * Entity Resolution ID mapping workflows with their resource policy (which other accounts may map
 * their IDs through the workflow) and tags.
 */
export const entityResolutionIdMappingWorkflows: Source = {
  name: 'entityresolution/idMappingWorkflows',
  service: 'entityresolution',
  scope: 'regional',
  description: 'Entity Resolution ID mapping workflows: resource policy, tags',
  apiCalls: [
    'entityresolution:ListIdMappingWorkflows',
    'entityresolution:GetPolicy',
    'entityresolution:ListTagsForResource',
  ],
  stores: [
    {
      label: 'idMappingWorkflow',
      service: 'entityresolution',
      resourceType: 'idmappingworkflow',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  collect(ctx) {
    return collectEntityResolution(ctx, async (client, token) => {
      const page = await client.send(new ListIdMappingWorkflowsCommand({ maxResults: PAGE_SIZE, nextToken: token }));
      return {
        nextToken: page.nextToken,
        summaries: (page.workflowSummaries ?? []).map((workflow) => ({
          arn: workflow.workflowArn,
          name: workflow.workflowName,
          createdAt: workflow.createdAt,
          updatedAt: workflow.updatedAt,
        })),
      };
    });
  },
};
