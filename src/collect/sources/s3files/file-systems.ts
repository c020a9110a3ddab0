import {
  GetFileSystemPolicyCommand,
  ListFileSystemsCommand,
  ListTagsForResourceCommand,
  S3FilesClient,
} from '@aws-sdk/client-s3files';
import { FieldCollector, isoDate, lowerCaseTagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Amazon S3 Files file systems (NFS access to an S3 bucket) with their file system policy (which
 * principals may mount, write or act as root) and tags. The listing gives id, ARN, name, bucket, role
 * and status; the policy costs one call per file system, the tags one per 100 tags.
 */
export const s3filesFileSystems: Source = {
  name: 's3files/fileSystems',
  service: 's3files',
  scope: 'regional',
  description: 'S3 Files file systems: file system policy, bucket, role, tags',
  apiCalls: ['s3files:ListFileSystems', 's3files:GetFileSystemPolicy', 's3files:ListTagsForResource'],
  stores: [
    { label: 'fileSystem', service: 's3files', resourceType: 'file-system', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(S3FilesClient);
    const pages = await allPages(
      (token) => client.send(new ListFileSystemsCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const fileSystems = pages
      .flatMap((page) => page.fileSystems ?? [])
      .filter((fileSystem) => fileSystem.fileSystemArn && fileSystem.fileSystemId);
    const records = await ctx.map(fileSystems, async (fileSystem) => {
      const arn = fileSystem.fileSystemArn as string;
      const id = fileSystem.fileSystemId as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id,
        name: fileSystem.name,
        bucket: fileSystem.bucket,
        roleArn: fileSystem.roleArn,
        status: fileSystem.status,
        ownerId: fileSystem.ownerId,
        creationTime: isoDate(fileSystem.creationTime),
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetFileSystemPolicyCommand({ fileSystemId: id }))),
        readResourceField(() =>
          allPages(
            (token) =>
              client.send(new ListTagsForResourceCommand({ resourceId: id, maxResults: 100, nextToken: token })),
            (page) => page.nextToken,
          ),
        ),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.policy));
      fields.set('tags', tags, (all) => lowerCaseTagsObject(all.flatMap((page) => page.tags ?? [])));
      return fields;
    });
    return recordsResult(records);
  },
};
