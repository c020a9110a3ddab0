import {
  BatchGetReportGroupsCommand,
  CodeBuildClient,
  GetResourcePolicyCommand,
  ListReportGroupsCommand,
  type ReportGroup,
} from '@aws-sdk/client-codebuild';
import { FieldCollector, lowerCaseTagsObject } from '../fields.js';
import { allPages, chunks, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/** BatchGetReportGroups takes at most 100 ARNs. */
const BATCH = 100;

/**
 * CodeBuild report groups with their resource policy (shared test reports), export settings and tags.
 * The listing gives ARNs; one BatchGetReportGroups per 100 gives the rest but the policy, which costs
 * one call per report group.
 */
export const codebuildReportGroups: Source = {
  name: 'codebuild/reportGroups',
  service: 'codebuild',
  scope: 'regional',
  description: 'CodeBuild report groups: resource policy, export settings, tags',
  apiCalls: ['codebuild:ListReportGroups', 'codebuild:BatchGetReportGroups', 'codebuild:GetResourcePolicy'],
  stores: [
    { label: 'reportGroup', service: 'codebuild', resourceType: 'report-group', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const codebuild = ctx.client(CodeBuildClient);
    const pages = await allPages(
      (token) => codebuild.send(new ListReportGroupsCommand({ maxResults: 100, nextToken: token })),
      (page) => page.nextToken,
    );
    const arns = pages.flatMap((page) => page.reportGroups ?? []);
    const groups: ReportGroup[] = [];
    for (const batch of chunks(arns, BATCH)) {
      const out = await codebuild.send(new BatchGetReportGroupsCommand({ reportGroupArns: batch }));
      groups.push(...(out.reportGroups ?? []));
    }

    const records = await ctx.map(
      groups.filter((g) => g.arn),
      async (group) => {
        const arn = group.arn as string;
        const fields = new FieldCollector(arn);
        const s3 = group.exportConfig?.s3Destination;
        fields.files.metadata = {
          arn,
          name: group.name,
          type: group.type,
          exportType: group.exportConfig?.exportConfigType,
          exportBucket: s3?.bucket,
          exportKey: s3?.encryptionKey,
        };
        fields.files.tags = lowerCaseTagsObject(group.tags);
        const policy = await readResourceField(() =>
          codebuild.send(new GetResourcePolicyCommand({ resourceArn: arn })),
        );
        fields.set('policy', policy, (out) => policyDocument(out.policy));
        return fields;
      },
    );
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
