import {
  GetPolicyCommand,
  ListApplicationsCommand,
  ListTagsForResourceCommand,
  QBusinessClient,
} from '@aws-sdk/client-qbusiness';
import { FieldCollector, lowerCaseTagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Amazon Q Business applications with their resource policy (which principals, e.g. Amazon Q index
 * data accessors of other accounts, may call the application) and tags. The listing names no ARN:
 * it is `arn:<p>:qbusiness:<r>:<account>:application/<application id>`. GetPolicy answers without a
 * `policy` member when there is none (absent); ResourceNotFoundException means deleted since the
 * listing (absent too).
 */
export const qbusinessApplications: Source = {
  name: 'qbusiness/applications',
  service: 'qbusiness',
  scope: 'regional',
  description: 'Amazon Q Business applications: resource policy, tags',
  apiCalls: ['qbusiness:ListApplications', 'qbusiness:GetPolicy', 'qbusiness:ListTagsForResource'],
  stores: [
    { label: 'application', service: 'qbusiness', resourceType: 'application', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(QBusinessClient);
    const pages = await allPages(
      (token) => client.send(new ListApplicationsCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const applications = pages.flatMap((page) => page.applications ?? []).filter((app) => app.applicationId);
    const records = await ctx.map(applications, async (app) => {
      const id = app.applicationId as string;
      const arn = `arn:${ctx.partition}:qbusiness:${ctx.region}:${ctx.account}:application/${id}`;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, id, name: app.displayName, identityType: app.identityType };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetPolicyCommand({ applicationId: id }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceARN: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.policy));
      fields.set('tags', tags, (out) => lowerCaseTagsObject(out.tags));
      return fields;
    });
    return recordsResult(records);
  },
};
