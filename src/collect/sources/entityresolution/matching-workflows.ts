import { ListMatchingWorkflowsCommand } from '@aws-sdk/client-entityresolution';
import type { Source } from '../types.js';
import { collectEntityResolution, PAGE_SIZE } from './policy-source.js';

/**
 * Entity Resolution matching workflows with their resource policy (which other accounts may run or
 * read the workflow) and tags.
 */
export const entityResolutionMatchingWorkflows: Source = {
  name: 'entityresolution/matchingWorkflows',
  service: 'entityresolution',
  scope: 'regional',
  description: 'Entity Resolution matching workflows: resource policy, tags',
  apiCalls: [
    'entityresolution:ListMatchingWorkflows',
    'entityresolution:GetPolicy',
    'entityresolution:ListTagsForResource',
  ],
  stores: [
    {
      label: 'matchingWorkflow',
      service: 'entityresolution',
      resourceType: 'matchingworkflow',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  collect(ctx) {
    return collectEntityResolution(ctx, async (client, token) => {
      const page = await client.send(new ListMatchingWorkflowsCommand({ maxResults: PAGE_SIZE, nextToken: token }));
      return {
        nextToken: page.nextToken,
        summaries: (page.workflowSummaries ?? []).map((workflow) => ({
          arn: workflow.workflowArn,
          name: workflow.workflowName,
          createdAt: workflow.createdAt,
          updatedAt: workflow.updatedAt,
          extra: { resolutionType: workflow.resolutionType },
        })),
      };
    });
  },
};
