import { GetResourcePolicyCommand, GlueClient } from '@aws-sdk/client-glue';
import { classifyError } from '../../aws/errors.js';
import { policyDocument } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * The Glue Data Catalog's resource policy (one per account and region). A catalog without a policy
 * has no folder, as in iam-collect.
 */
export const glueCatalog: Source = {
  name: 'glue/GlueCatalogSync',
  service: 'glue',
  scope: 'regional',
  description: 'Glue Data Catalog resource policy',
  apiCalls: ['glue:GetResourcePolicy'],
  // The catalog's ARN (`...:catalog`) has no resource path, so its folder sits right in the region's.
  stores: [{ label: 'catalog', service: 'glue', resourceType: '', files: ['metadata', 'policy'] }],

  async collect(ctx) {
    const client = ctx.client(GlueClient);
    let text: string | undefined;
    try {
      text = (await client.send(new GetResourcePolicyCommand({}))).PolicyInJson;
    } catch (error) {
      // EntityNotFoundException: no policy. Anything else (AccessDenied included) ends the job.
      if (classifyError(error) !== 'absent') throw error;
    }
    const policy = policyDocument(text);
    if (policy === undefined) return { resources: [] };
    const arn = `arn:${ctx.partition}:glue:${ctx.region}:${ctx.account}:catalog`;
    return { resources: [{ arn, files: { metadata: { arn }, policy } }] };
  },
};
