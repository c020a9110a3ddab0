/**
 * Secrets Manager secrets against moto: resource policy, KMS key, tags; AccessDenied on a policy;
 * deletion after removal; the secret value is never asked for.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import * as secretsmanager from '@aws-sdk/client-secrets-manager';
import { seedClientConfig, seedSecretsManager } from '../moto/resource-seeds.js';
import { secretsManagerSecrets } from '../../src/collect/sources/secretsmanager/secrets.js';
import { DENIED, sourceTestSuite } from './resource-sources-harness.js';

let secretArns: Record<string, string> = {};

sourceTestSuite({
  service: 'secretsmanager',
  kind: 'moto',
  async seed(endpoint) {
    await seedSecretsManager({ endpoint });
    const client = new secretsmanager.SecretsManagerClient(seedClientConfig({ endpoint }, 'us-east-1'));
    const listed = await client.send(new secretsmanager.ListSecretsCommand({}));
    secretArns = Object.fromEntries((listed.SecretList ?? []).map((s) => [s.Name ?? '', s.ARN ?? '']));
    client.destroy();
  },
  jobs: [
    ['us-east-1', 'secrets', { status: 'collected', counts: { secret: 2 } }],
    ['us-west-2', 'secrets', { status: 'collected', counts: { secret: 2 } }],
  ],
  denied: {
    what: 'a secret policy',
    predicate: (request) =>
      request.operation === 'secretsmanager:GetResourcePolicy' &&
      request.region === 'us-east-1' &&
      request.body.includes('db-password'),
    job: () => [
      'us-east-1',
      'secrets',
      {
        status: 'collected',
        counts: { secret: 2 },
        issues: [{ kind: 'denied', arn: secretArns['db-password'], field: 'policy', message: DENIED }],
      },
    ],
  },
  removed: {
    what: 'a secret, and the policy and tags of another',
    async remove(endpoint) {
      const east = new secretsmanager.SecretsManagerClient(seedClientConfig({ endpoint }, 'us-east-1'));
      await east.send(
        new secretsmanager.DeleteSecretCommand({ SecretId: 'api-token', ForceDeleteWithoutRecovery: true }),
      );
      await east.send(new secretsmanager.DeleteResourcePolicyCommand({ SecretId: 'db-password' }));
      await east.send(new secretsmanager.UntagResourceCommand({ SecretId: 'db-password', TagKeys: ['app'] }));
      east.destroy();
    },
    gone: (path) =>
      /^secretsmanager\/us-east-1\/secret\/api-token-[a-z0-9]+\//.test(path) ||
      /^secretsmanager\/us-east-1\/secret\/db-password-[a-z0-9]+\/(policy|tags)\.json$/.test(path),
    files: 3,
  },
});

it('never asks for a secret value: its calls are the listing and the resource policy', () => {
  assert.deepEqual(secretsManagerSecrets.apiCalls, ['secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy']);
});
