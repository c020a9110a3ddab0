import { BedrockClient, ListGuardrailsCommand } from '@aws-sdk/client-bedrock';
import { FieldCollector, isoDate } from '../fields.js';
import { allPages } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { readPolicyAndTags } from './policy-and-tags.js';

/**
 * Bedrock guardrails with their resource policy (which other accounts may apply them) and tags. The
 * listing without a guardrail id gives each guardrail once (its working draft): id, name, ARN,
 * status; the policy and the tags cost one call each per guardrail.
 */
export const bedrockGuardrails: Source = {
  name: 'bedrock/guardrails',
  service: 'bedrock',
  scope: 'regional',
  description: 'Bedrock guardrails: resource policy, tags',
  apiCalls: ['bedrock:ListGuardrails', 'bedrock:GetResourcePolicy', 'bedrock:ListTagsForResource'],
  stores: [
    { label: 'guardrail', service: 'bedrock', resourceType: 'guardrail', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(BedrockClient);
    const pages = await allPages(
      (token) => client.send(new ListGuardrailsCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const guardrails = pages.flatMap((page) => page.guardrails ?? []).filter((guardrail) => guardrail.arn);
    const records = await ctx.map(guardrails, async (guardrail) => {
      const arn = guardrail.arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id: guardrail.id,
        name: guardrail.name,
        description: guardrail.description,
        status: guardrail.status,
        createdAt: isoDate(guardrail.createdAt),
      };
      return readPolicyAndTags(client, arn, fields);
    });
    return recordsResult(records);
  },
};
