import { GetResourcePolicyCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import {
  ListNamespacesCommand,
  ListTagsForResourceCommand,
  RedshiftServerlessClient,
} from '@aws-sdk/client-redshift-serverless';
import { FieldCollector, lowerCaseTagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * Redshift Serverless namespaces with their resource policy (which other accounts' sources may create
 * zero-ETL integrations into them: it is read with Redshift's own GetResourcePolicy) and tags: two
 * calls per namespace.
 */
export const redshiftServerlessNamespaces: Source = {
  name: 'redshift-serverless/namespaces',
  service: 'redshift-serverless',
  scope: 'regional',
  description: 'Redshift Serverless namespaces: resource policy, encryption key, IAM roles, tags',
  apiCalls: [
    'redshift-serverless:ListNamespaces',
    'redshift-serverless:ListTagsForResource',
    'redshift:GetResourcePolicy',
  ],
  stores: [
    {
      label: 'namespace',
      service: 'redshift-serverless',
      resourceType: 'namespace',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const serverless = ctx.client(RedshiftServerlessClient);
    const redshift = ctx.client(RedshiftClient, 'redshift');
    const pages = await allPages(
      (token) => serverless.send(new ListNamespacesCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const namespaces = pages.flatMap((page) => page.namespaces ?? []).filter((n) => n.namespaceArn);
    const records = await ctx.map(namespaces, async (namespace) => {
      const arn = namespace.namespaceArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: namespace.namespaceName,
        id: namespace.namespaceId,
        kmsKeyId: namespace.kmsKeyId,
        iamRoles: namespace.iamRoles?.length ? namespace.iamRoles : undefined,
        defaultIamRoleArn: namespace.defaultIamRoleArn,
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => redshift.send(new GetResourcePolicyCommand({ ResourceArn: arn }))),
        readResourceField(() => serverless.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.ResourcePolicy?.Policy));
      fields.set('tags', tags, (out) => lowerCaseTagsObject(out.tags));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
