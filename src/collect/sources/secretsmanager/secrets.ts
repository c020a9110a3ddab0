import {
  GetResourcePolicyCommand,
  ListSecretsCommand,
  SecretsManagerClient,
  type SecretListEntry,
} from '@aws-sdk/client-secrets-manager';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Secrets Manager secrets of one region: resource policy, KMS key, tags (from the listing). The
 * secret's value is never read: neither this source nor the collector's policy asks for it.
 */
export const secretsManagerSecrets: Source = {
  name: 'secretsmanager/secrets',
  service: 'secretsmanager',
  scope: 'regional',
  description: 'Secrets Manager secrets: resource policy, KMS key, tags (never the secret value)',
  apiCalls: ['secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy'],
  stores: [
    { label: 'secret', service: 'secretsmanager', resourceType: 'secret', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(SecretsManagerClient);
    const found: SecretListEntry[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListSecretsCommand({ MaxResults: 100, NextToken: token }));
      found.push(...(page.SecretList ?? []));
      token = page.NextToken;
    } while (token);

    const records = await ctx.map(
      found.filter((secret) => secret.ARN),
      async (secret) => {
        const arn = secret.ARN as string;
        const fields = new FieldCollector(arn);
        const policy = await readResourceField(() => client.send(new GetResourcePolicyCommand({ SecretId: arn })));
        fields.files.metadata = { arn, name: secret.Name, kmsKey: secret.KmsKeyId };
        fields.files.tags = tagsObject(secret.Tags);
        fields.set('policy', policy, (out) => policyDocument(out.ResourcePolicy));
        return fields;
      },
    );
    return recordsResult(records);
  },
};
