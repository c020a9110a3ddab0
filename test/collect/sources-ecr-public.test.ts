/**
 * ecr-public/repositories against the recorded-response emulation of ECR Public (moto 5.2 lacks the
 * service; see ecrPublicEmulator): one global job from us-east-1, repositories with their policy and
 * tags; AccessDenied on one GetRepositoryPolicy; deletion of a repository.
 */
import * as ecrPublic from '@aws-sdk/client-ecr-public';
import { ecrPublicEmulator } from '../moto/aoss-ecr-public-wafv2-emulators.js';
import { seedEcrPublic } from '../moto/aoss-ecr-public-wafv2-seeds.js';
import { seedClientConfig } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

sourceTestSuite({
  service: 'ecr-public',
  kind: 'recorded-response emulation',
  emulators: [ecrPublicEmulator()],
  seed: (endpoint) => seedEcrPublic({ endpoint }),
  jobs: [['global', 'repositories', { status: 'collected', counts: { repository: 2 } }]],
  denied: {
    what: "the web-app repository's GetRepositoryPolicy",
    predicate: (r) => r.operation === 'ecr-public:GetRepositoryPolicy' && r.body.includes('"web-app"'),
    job: [
      'global',
      'repositories',
      {
        status: 'collected',
        counts: { repository: 2 },
        issues: [
          {
            kind: 'denied',
            arn: `arn:aws:ecr-public::${ACCOUNT}:repository/web-app`,
            field: 'policy',
            message: DENIED,
          },
        ],
      },
    ],
  },
  removed: {
    what: 'a repository (web-app, with its policy and tags)',
    async remove(endpoint) {
      const client = new ecrPublic.ECRPUBLICClient(seedClientConfig({ endpoint }, 'us-east-1'));
      await client.send(new ecrPublic.DeleteRepositoryCommand({ repositoryName: 'web-app', force: true }));
      client.destroy();
    },
    gone: (path) => path.startsWith('ecr-public/repository/web-app/'),
    files: 3,
  },
});
