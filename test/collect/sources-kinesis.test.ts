/** Kinesis data streams against moto: resource policy, encryption, tags; AccessDenied on a policy; deletion after removal. */
import * as kinesis from '@aws-sdk/client-kinesis';
import { kinesisClient, seedKinesis } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

const clicks = (region: string) => `arn:aws:kinesis:${region}:${ACCOUNT}:stream/clicks`;

sourceTestSuite({
  service: 'kinesis',
  kind: 'moto',
  seed: (endpoint) => seedKinesis({ endpoint }),
  jobs: [
    ['us-east-1', 'dataStreams', { status: 'collected', counts: { stream: 2 } }],
    ['us-west-2', 'dataStreams', { status: 'collected', counts: { stream: 2 } }],
  ],
  denied: {
    what: 'a stream policy',
    predicate: (request) =>
      request.operation === 'kinesis:GetResourcePolicy' && request.body.includes(clicks('us-east-1')),
    job: [
      'us-east-1',
      'dataStreams',
      {
        status: 'collected',
        counts: { stream: 2 },
        issues: [{ kind: 'denied', arn: clicks('us-east-1'), field: 'policy', message: DENIED }],
      },
    ],
  },
  removed: {
    what: 'a stream, and the policy and tags of another',
    async remove(endpoint) {
      const west = kinesisClient({ endpoint }, 'us-west-2');
      await west.send(new kinesis.DeleteStreamCommand({ StreamName: 'audit-log' }));
      await west.send(new kinesis.DeleteResourcePolicyCommand({ ResourceARN: clicks('us-west-2') }));
      await west.send(new kinesis.RemoveTagsFromStreamCommand({ StreamName: 'clicks', TagKeys: ['app'] }));
      west.destroy();
    },
    gone: (path) =>
      path.startsWith('kinesis/us-west-2/stream/audit-log/') ||
      path === 'kinesis/us-west-2/stream/clicks/policy.json' ||
      path === 'kinesis/us-west-2/stream/clicks/tags.json',
    files: 3,
  },
});
