/** SNS topics against moto: topic policy, display name, KMS key, tags; AccessDenied on the attributes; deletion after removal. */
import * as sns from '@aws-sdk/client-sns';
import { seedClientConfig, seedSns } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

const alerts = (region: string) => `arn:aws:sns:${region}:${ACCOUNT}:alerts`;

sourceTestSuite({
  service: 'sns',
  kind: 'moto',
  seed: (endpoint) => seedSns({ endpoint }),
  jobs: [
    ['us-east-1', 'topics', { status: 'collected', counts: { topic: 2 } }],
    ['us-west-2', 'topics', { status: 'collected', counts: { topic: 2 } }],
  ],
  denied: {
    what: 'the topic attributes (policy, display name, KMS key, owner)',
    predicate: (request) =>
      request.operation === 'sns:GetTopicAttributes' &&
      request.region === 'us-west-2' &&
      decodeURIComponent(request.body.toString('utf8')).includes(alerts('us-west-2')),
    job: [
      'us-west-2',
      'topics',
      {
        status: 'collected',
        counts: { topic: 2 },
        issues: [
          { kind: 'denied', arn: alerts('us-west-2'), field: 'metadata.displayName', message: DENIED },
          { kind: 'denied', arn: alerts('us-west-2'), field: 'policy', message: DENIED },
        ],
      },
    ],
    changes(files) {
      files['sns/us-west-2/alerts/metadata.json'] = { arn: alerts('us-west-2'), name: 'alerts' };
      return files;
    },
  },
  removed: {
    what: 'a topic, and the tags of another',
    async remove(endpoint) {
      const east = new sns.SNSClient(seedClientConfig({ endpoint }, 'us-east-1'));
      await east.send(new sns.DeleteTopicCommand({ TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:audit` }));
      await east.send(new sns.UntagResourceCommand({ ResourceArn: alerts('us-east-1'), TagKeys: ['app'] }));
      east.destroy();
    },
    gone: (path) => path.startsWith('sns/us-east-1/audit/') || path === 'sns/us-east-1/alerts/tags.json',
    files: 3,
  },
});
