import { DescribeProjectsCommand, ListProjectPoliciesCommand, RekognitionClient } from '@aws-sdk/client-rekognition';
import { FieldCollector, isoDate } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Rekognition Custom Labels projects with their project policies: which other accounts may copy the
 * project's model versions (CopyProjectVersion). A project may have several named policies, stored
 * like SES's: `policies.json` = `[{PolicyName, PolicyRevisionId, PolicyDocument}]` sorted by name.
 * DescribeProjects lists Custom Labels projects (its default feature); projects take no tags (only
 * their model versions do). ListProjectPolicies pages 5 policies at a time.
 */
export const rekognitionProjects: Source = {
  name: 'rekognition/projects',
  service: 'rekognition',
  scope: 'regional',
  description: 'Rekognition Custom Labels projects: project policies',
  apiCalls: ['rekognition:DescribeProjects', 'rekognition:ListProjectPolicies'],
  stores: [{ label: 'project', service: 'rekognition', resourceType: 'project', files: ['metadata', 'policies'] }],

  async collect(ctx) {
    const client = ctx.client(RekognitionClient);
    const pages = await allPages(
      (token) => client.send(new DescribeProjectsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const projects = pages.flatMap((page) => page.ProjectDescriptions ?? []).filter((p) => p.ProjectArn);
    const records = await ctx.map(projects, async (project) => {
      const arn = project.ProjectArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: arn.split('/')[1],
        status: project.Status,
        feature: project.Feature,
        creationTimestamp: isoDate(project.CreationTimestamp),
      };
      const policies = await readResourceField(() =>
        allPages(
          (token) => client.send(new ListProjectPoliciesCommand({ ProjectArn: arn, MaxResults: 5, NextToken: token })),
          (page) => page.NextToken,
        ),
      );
      fields.set('policies', policies, (all) => {
        const named = all
          .flatMap((page) => page.ProjectPolicies ?? [])
          .map((policy) => ({
            PolicyName: policy.PolicyName,
            PolicyRevisionId: policy.PolicyRevisionId,
            PolicyDocument: policyDocument(policy.PolicyDocument),
          }))
          .sort((a, b) => (String(a.PolicyName) < String(b.PolicyName) ? -1 : 1));
        return named.length > 0 ? named : undefined;
      });
      return fields;
    });
    return recordsResult(records);
  },
};
