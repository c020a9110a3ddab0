import {
  GetApplicationPolicyCommand,
  ListApplicationsCommand,
  ServerlessApplicationRepositoryClient,
} from '@aws-sdk/client-serverlessapplicationrepository';
import { FieldCollector } from '../fields.js';
import { allPages, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * Serverless Application Repository applications the account publishes, with their application
 * policy: who may deploy or read them (`Principals: ["*"]` makes one public). The policy is not IAM
 * JSON but SAR's own statements, so it is stored as `application-policy.json`
 * `{Statements: [{StatementId, Actions, Principals, PrincipalOrgIDs}]}`. One call per application.
 */
export const serverlessrepoApplications: Source = {
  name: 'serverlessrepo/applications',
  service: 'serverlessrepo',
  scope: 'regional',
  description: 'Serverless Application Repository applications: application policy (sharing), author',
  apiCalls: ['serverlessrepo:ListApplications', 'serverlessrepo:GetApplicationPolicy'],
  stores: [
    {
      label: 'application',
      service: 'serverlessrepo',
      resourceType: 'applications',
      files: ['metadata', 'application-policy'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(ServerlessApplicationRepositoryClient);
    const pages = await allPages(
      (token) => client.send(new ListApplicationsCommand({ MaxItems: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const applications = pages.flatMap((page) => page.Applications ?? []).filter((a) => a.ApplicationId);
    const records = await ctx.map(applications, async (application) => {
      const arn = application.ApplicationId as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name: application.Name, author: application.Author };
      const policy = await readResourceField(() =>
        client.send(new GetApplicationPolicyCommand({ ApplicationId: arn })),
      );
      fields.set('application-policy', policy, (out) =>
        out.Statements && out.Statements.length > 0 ? { Statements: out.Statements } : undefined,
      );
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
