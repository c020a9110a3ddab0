/** SQS queues against moto: queue policy, KMS key, tags; AccessDenied on a policy; deletion after removal. */
import * as sqs from '@aws-sdk/client-sqs';
import { seedClientConfig, seedSqs } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

sourceTestSuite({
  service: 'sqs',
  kind: 'moto',
  seed: (endpoint) => seedSqs({ endpoint }),
  jobs: [
    ['us-east-1', 'queue', { status: 'collected', counts: { queue: 2 } }],
    ['us-west-2', 'queue', { status: 'collected', counts: { queue: 2 } }],
  ],
  denied: {
    what: 'the queue attributes (policy and KMS key)',
    predicate: (request) =>
      request.operation === 'sqs:GetQueueAttributes' &&
      request.region === 'us-east-1' &&
      request.body.includes('orders'),
    job: [
      'us-east-1',
      'queue',
      {
        status: 'collected',
        counts: { queue: 2 },
        issues: [
          { kind: 'denied', arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`, field: 'metadata.kmsKey', message: DENIED },
          { kind: 'denied', arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`, field: 'policy', message: DENIED },
        ],
      },
    ],
    changes(files) {
      delete (files['sqs/us-east-1/orders/metadata.json'] as Record<string, unknown>).kmsKey;
      return files;
    },
  },
  removed: {
    what: 'a queue, and the policy and tags of another',
    async remove(endpoint) {
      const east = new sqs.SQSClient(seedClientConfig({ endpoint }, 'us-east-1'));
      const west = new sqs.SQSClient(seedClientConfig({ endpoint }, 'us-west-2'));
      // moto's queue URLs name no region: the client's region picks the queue.
      const url = (name: string) => `${endpoint}/${ACCOUNT}/${name}`;
      await east.send(new sqs.DeleteQueueCommand({ QueueUrl: url('dead-letters') }));
      await west.send(new sqs.SetQueueAttributesCommand({ QueueUrl: url('orders'), Attributes: { Policy: '' } }));
      await west.send(new sqs.UntagQueueCommand({ QueueUrl: url('orders'), TagKeys: ['app'] }));
      east.destroy();
      west.destroy();
    },
    gone: (path) =>
      path.startsWith('sqs/us-east-1/dead-letters/') ||
      path === 'sqs/us-west-2/orders/policy.json' ||
      path === 'sqs/us-west-2/orders/tags.json',
    files: 3,
  },
});
