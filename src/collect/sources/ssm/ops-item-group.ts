import { SSMClient } from '@aws-sdk/client-ssm';
import { classifyError } from '../../aws/errors.js';
import type { Source } from '../types.js';
import { ssmResourcePolicies, type StoredSsmPolicy } from './resource-policies.js';

/**
 * The OpsCenter OpsItemGroup's resource policies: which accounts may view and work on the account's
 * OpsItems (cross-account OpsCenter). One group per account and region, `opsitemgroup/default`, so
 * one call; without a policy it has no folder (as the Glue catalog).
 */
export const ssmOpsItemGroup: Source = {
  name: 'ssm/opsItemGroup',
  service: 'ssm',
  scope: 'regional',
  description: 'Systems Manager OpsCenter OpsItemGroup resource policies (cross-account OpsItems)',
  apiCalls: ['ssm:GetResourcePolicies'],
  stores: [{ label: 'opsItemGroup', service: 'ssm', resourceType: 'opsitemgroup', files: ['metadata', 'policies'] }],

  async collect(ctx) {
    const client = ctx.client(SSMClient);
    const arn = `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.account}:opsitemgroup/default`;
    let policies: StoredSsmPolicy[] | undefined;
    try {
      policies = await ssmResourcePolicies(client, arn);
    } catch (error) {
      // Not found: no policy. Anything else (AccessDenied included) ends the job, deleting nothing.
      if (classifyError(error) !== 'absent') throw error;
    }
    if (!policies) return { resources: [] };
    return { resources: [{ arn, files: { metadata: { arn }, policies } }] };
  },
};
