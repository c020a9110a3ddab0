import { ECRClient, GetRegistryPolicyCommand } from '@aws-sdk/client-ecr';
import { accountFileKey } from '../../../storage/layout.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/** The ECR registry policy of one region (replication and pull-through permissions): `ecr-registry-policy.<region>.json`. */
export const ecrRegistryPolicy: Source = {
  name: 'ecr/registry',
  service: 'ecr',
  scope: 'regional',
  description: 'ECR registry policy, as the account file ecr-registry-policy.<region>.json',
  apiCalls: ['ecr:GetRegistryPolicy'],
  stores: [],

  async collect(ctx) {
    const ecr = ctx.client(ECRClient);
    const key = accountFileKey(ctx.partition, ctx.account, `ecr-registry-policy.${ctx.region}`);
    const policy = await readResourceField(() => ecr.send(new GetRegistryPolicyCommand({})));
    if (policy.state === 'denied' || policy.state === 'failed') {
      // The stored file, if any, stays: its content is unknown, not gone.
      return { issues: [{ kind: policy.state, field: `ecr-registry-policy.${ctx.region}`, message: policy.message }] };
    }
    return { files: [{ key, value: policy.state === 'ok' ? policyDocument(policy.value.policyText) : undefined }] };
  },
};
