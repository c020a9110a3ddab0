/** EFS file systems against moto: file system policy, encryption, tags; AccessDenied on a policy; deletion after removal. */
import * as efs from '@aws-sdk/client-efs';
import { seedClientConfig, seedEfs } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

let ids: Record<string, Record<string, string>> = {};

/** File system ids are random: the golden files name them by region and role. */
function stable(files: Record<string, unknown>): Record<string, unknown> {
  let text = JSON.stringify(files);
  for (const [region, byName] of Object.entries(ids)) {
    for (const [name, id] of Object.entries(byName)) text = text.replaceAll(id, `<${name}-${region}>`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

const fileSystem = (region: string, name: string) =>
  `arn:aws:elasticfilesystem:${region}:${ACCOUNT}:file-system/${ids[region]?.[name]}`;

sourceTestSuite({
  service: 'elasticfilesystem',
  kind: 'moto',
  async seed(endpoint) {
    ids = await seedEfs({ endpoint });
  },
  stable,
  jobs: [
    ['us-east-1', 'fileSystems', { status: 'collected', counts: { fileSystem: 2 } }],
    ['us-west-2', 'fileSystems', { status: 'collected', counts: { fileSystem: 2 } }],
  ],
  denied: {
    what: 'a file system policy',
    predicate: (request) =>
      request.service === 'elasticfilesystem' &&
      request.region === 'us-east-1' &&
      request.path === `/2015-02-01/file-systems/${ids['us-east-1']?.['shared-fs']}/policy`,
    job: () => [
      'us-east-1',
      'fileSystems',
      {
        status: 'collected',
        counts: { fileSystem: 2 },
        issues: [{ kind: 'denied', arn: fileSystem('us-east-1', 'shared-fs'), field: 'policy', message: DENIED }],
      },
    ],
  },
  removed: {
    // moto has no DeleteFileSystemPolicy: policy removal is covered by the other services' tests.
    what: 'a file system, and the tags of another',
    async remove(endpoint) {
      const west = new efs.EFSClient(seedClientConfig({ endpoint }, 'us-west-2'));
      const shared = ids['us-west-2']?.['shared-fs'];
      await west.send(new efs.DeleteFileSystemCommand({ FileSystemId: ids['us-west-2']?.unnamed }));
      await west.send(new efs.UntagResourceCommand({ ResourceId: shared, TagKeys: ['Name'] }));
      west.destroy();
    },
    gone: (path) =>
      path.startsWith(`elasticfilesystem/us-west-2/file-system/${ids['us-west-2']?.unnamed}/`) ||
      path === `elasticfilesystem/us-west-2/file-system/${ids['us-west-2']?.['shared-fs']}/tags.json`,
    files: 2,
    changes(files) {
      // EFS names a file system after its Name tag.
      const metadata = `elasticfilesystem/us-west-2/file-system/${ids['us-west-2']?.['shared-fs']}/metadata.json`;
      (files[metadata] as Record<string, unknown>).name = '';
      return files;
    },
  },
});
