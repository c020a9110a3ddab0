/** ECR repositories and the registry policy against moto: policies, tags; AccessDenied on a policy; deletion after removal. */
import * as ecr from '@aws-sdk/client-ecr';
import { seedClientConfig, seedEcr } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

sourceTestSuite({
  service: 'ecr',
  kind: 'moto',
  seed: (endpoint) => seedEcr({ endpoint }),
  jobs: [
    ['us-east-1', 'repositories', { status: 'collected', counts: { repository: 2 } }],
    ['us-east-1', 'registry', { status: 'collected' }],
  ],
  denied: {
    what: 'a repository policy and the registry policy',
    predicate: (request) =>
      request.region === 'us-west-2' &&
      (request.operation === 'ecr:GetRegistryPolicy' ||
        (request.operation === 'ecr:GetRepositoryPolicy' && request.body.includes('orders/api'))),
    job: [
      'us-west-2',
      'repositories',
      {
        status: 'collected',
        counts: { repository: 2 },
        issues: [
          {
            kind: 'denied',
            arn: `arn:aws:ecr:us-west-2:${ACCOUNT}:repository/orders/api`,
            field: 'policy',
            message: DENIED,
          },
        ],
      },
    ],
  },
  removed: {
    what: 'a repository, the tags of another and a registry policy',
    async remove(endpoint) {
      const east = new ecr.ECRClient(seedClientConfig({ endpoint }, 'us-east-1'));
      await east.send(new ecr.DeleteRepositoryCommand({ repositoryName: 'tools' }));
      await east.send(
        new ecr.UntagResourceCommand({
          resourceArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/orders/api`,
          tagKeys: ['app'],
        }),
      );
      await east.send(new ecr.DeleteRegistryPolicyCommand({}));
      east.destroy();
    },
    gone: (path) =>
      path.startsWith('ecr/us-east-1/repository/tools/') ||
      path === 'ecr/us-east-1/repository/orders%2fapi/tags.json' ||
      path === 'ecr-registry-policy.us-east-1.json',
    files: 3,
  },
});
