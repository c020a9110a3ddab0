import {
  GetResourcePolicyCommand,
  ListSnapshotsCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * Redshift Serverless snapshots the account owns, with their resource policy (which other accounts may
 * restore them) and the accounts granted restore access: one call per snapshot.
 */
export const redshiftServerlessSnapshots: Source = {
  name: 'redshift-serverless/snapshots',
  service: 'redshift-serverless',
  scope: 'regional',
  description: 'Redshift Serverless snapshots: resource policy, accounts with restore access, namespace',
  apiCalls: ['redshift-serverless:ListSnapshots', 'redshift-serverless:GetResourcePolicy'],
  stores: [
    { label: 'snapshot', service: 'redshift-serverless', resourceType: 'snapshot', files: ['metadata', 'policy'] },
  ],

  async collect(ctx) {
    const serverless = ctx.client(RedshiftServerlessClient);
    const pages = await allPages(
      (token) =>
        serverless.send(new ListSnapshotsCommand({ ownerAccount: ctx.account, maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const snapshots = pages.flatMap((page) => page.snapshots ?? []).filter((s) => s.snapshotArn);
    const records = await ctx.map(snapshots, async (snapshot) => {
      const arn = snapshot.snapshotArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: snapshot.snapshotName,
        namespaceArn: snapshot.namespaceArn,
        kmsKeyId: snapshot.kmsKeyId,
        accountsWithRestoreAccess: snapshot.accountsWithRestoreAccess,
      };
      const policy = await readResourceField(() => serverless.send(new GetResourcePolicyCommand({ resourceArn: arn })));
      fields.set('policy', policy, (out) => policyDocument(out.resourcePolicy?.policy));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
