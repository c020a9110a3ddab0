import {
  DescribeFileSystemPolicyCommand,
  DescribeFileSystemsCommand,
  EFSClient,
  type FileSystemDescription,
} from '@aws-sdk/client-efs';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** EFS file systems of one region: file system policy, encryption, tags (from the listing). */
export const efsFileSystems: Source = {
  name: 'elasticfilesystem/fileSystems',
  service: 'elasticfilesystem',
  scope: 'regional',
  description: 'EFS file systems: file system policy, encryption, tags',
  apiCalls: ['elasticfilesystem:DescribeFileSystems', 'elasticfilesystem:DescribeFileSystemPolicy'],
  stores: [
    {
      label: 'fileSystem',
      service: 'elasticfilesystem',
      resourceType: 'file-system',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const efs = ctx.client(EFSClient);
    const found: FileSystemDescription[] = [];
    let marker: string | undefined;
    do {
      const page = await efs.send(new DescribeFileSystemsCommand({ MaxItems: 100, Marker: marker }));
      found.push(...(page.FileSystems ?? []));
      marker = page.NextMarker;
    } while (marker);

    const records = await ctx.map(
      found.filter((fs) => fs.FileSystemId),
      async (fs) => {
        const id = fs.FileSystemId as string;
        const arn =
          fs.FileSystemArn ?? `arn:${ctx.partition}:elasticfilesystem:${ctx.region}:${ctx.account}:file-system/${id}`;
        const fields = new FieldCollector(arn);
        const policy = await readResourceField(() =>
          efs.send(new DescribeFileSystemPolicyCommand({ FileSystemId: id })),
        );
        fields.files.metadata = {
          arn,
          id,
          name: fs.Name,
          az: fs.AvailabilityZoneName,
          key: fs.KmsKeyId,
          encrypted: fs.Encrypted,
        };
        fields.files.tags = tagsObject(fs.Tags);
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        return fields;
      },
    );
    return recordsResult(records);
  },
};
