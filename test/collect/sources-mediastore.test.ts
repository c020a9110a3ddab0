/**
 * mediastore/containers against moto, with an HTTP-level fix of what moto's MediaStore gets wrong
 * (times, ARNs, status, tag lookup; see mediastoreEmulator in test/moto/resource-emulators.ts): containers with their container policy and tags in two regions;
 * AccessDenied on one container's GetContainerPolicy; deletion of a container.
 */
import * as mediastore from '@aws-sdk/client-mediastore';
import { mediastoreEmulator } from '../moto/resource-emulators.js';
import { seedClientConfig, seedMediaStore } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

const arn = (region: string, name: string) => `arn:aws:mediastore:${region}:${ACCOUNT}:container/${name}`;

function client(endpoint: string, region: string) {
  return new mediastore.MediaStoreClient(seedClientConfig({ endpoint }, region));
}

sourceTestSuite({
  service: 'mediastore',
  kind: 'moto + HTTP fix of times, ARNs and tag lookup',
  emulators: [mediastoreEmulator()],
  seed: (endpoint) => seedMediaStore({ endpoint }),
  jobs: [
    ['us-east-1', 'containers', { status: 'collected', counts: { container: 2 } }],
    ['us-west-2', 'containers', { status: 'collected', counts: { container: 2 } }],
  ],
  denied: {
    what: "one container's GetContainerPolicy",
    predicate: (r) =>
      r.operation === 'mediastore:GetContainerPolicy' && r.region === 'us-east-1' && r.body.includes('"live"'),
    job: [
      'us-east-1',
      'containers',
      {
        status: 'collected',
        counts: { container: 2 },
        issues: [{ kind: 'denied', arn: arn('us-east-1', 'live'), field: 'policy', message: DENIED }],
      },
    ],
  },
  removed: {
    // moto has no DeleteContainerPolicy; a policy that disappears is the shared FieldCollector rule (absent -> deleted).
    what: 'a container (us-west-2 live, with its policy and tags)',
    async remove(endpoint) {
      const west = client(endpoint, 'us-west-2');
      await west.send(new mediastore.DeleteContainerCommand({ ContainerName: 'live' }));
      west.destroy();
    },
    gone: (path) => path.startsWith('mediastore/us-west-2/container/live/'),
    files: 3,
  },
});
