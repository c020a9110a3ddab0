/**
 * aoss/accessPolicies and aoss/networkPolicies: network policies against moto, data access policies
 * against the recorded-response emulation (moto 5.2 lacks them; see aossEmulator), in two regions; an
 * encryption policy that is not collected; AccessDenied on one GetAccessPolicy; deletion of a data
 * access policy and a network policy.
 */
import * as aoss from '@aws-sdk/client-opensearchserverless';
import { aossEmulator } from '../moto/aoss-ecr-public-wafv2-emulators.js';
import { seedAoss } from '../moto/aoss-ecr-public-wafv2-seeds.js';
import { seedClientConfig } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

const jobs = (region: string) =>
  [
    [region, 'accessPolicies', { status: 'collected', counts: { accessPolicy: 1 } }],
    [region, 'networkPolicies', { status: 'collected', counts: { networkPolicy: 2 } }],
  ] as Array<[string, string, unknown]>;

sourceTestSuite({
  service: 'aoss',
  kind: 'moto for network policies + recorded-response emulation of data access policies',
  emulators: [aossEmulator()],
  seed: (endpoint) => seedAoss({ endpoint }),
  jobs: [...jobs('us-east-1'), ...jobs('us-west-2')],
  denied: {
    what: 'the data access policy in us-east-1 (GetAccessPolicy)',
    predicate: (r) => r.operation === 'aoss:GetAccessPolicy' && r.region === 'us-east-1',
    job: [
      'us-east-1',
      'accessPolicies',
      {
        status: 'collected',
        counts: { accessPolicy: 1 },
        issues: [
          {
            kind: 'denied',
            arn: `arn:aws:aoss:us-east-1:${ACCOUNT}:access-policy/logs-read`,
            field: 'policy',
            message: DENIED,
          },
        ],
      },
    ],
  },
  removed: {
    what: 'the us-west-2 data access policy and public network policy',
    async remove(endpoint) {
      const client = new aoss.OpenSearchServerlessClient(seedClientConfig({ endpoint }, 'us-west-2'));
      await client.send(new aoss.DeleteAccessPolicyCommand({ type: 'data', name: 'logs-read' }));
      await client.send(new aoss.DeleteSecurityPolicyCommand({ type: 'network', name: 'logs-public' }));
      client.destroy();
    },
    gone: (path) =>
      path.startsWith('aoss/us-west-2/access-policy/logs-read/') ||
      path.startsWith('aoss/us-west-2/network-policy/logs-public/'),
    files: 4,
  },
});
