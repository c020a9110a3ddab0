import {
  BatchGetProjectsCommand,
  CodeBuildClient,
  GetResourcePolicyCommand,
  ListProjectsCommand,
  type Project,
} from '@aws-sdk/client-codebuild';
import { FieldCollector, lowerCaseTagsObject } from '../fields.js';
import { allPages, chunks, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/** BatchGetProjects takes at most 100 names. */
const BATCH = 100;

/**
 * CodeBuild projects with their resource policy (who in other accounts may read the project and its
 * builds), visibility and tags. The listing gives names; one BatchGetProjects per 100 projects gives
 * the rest but the policy, which costs one call per project.
 */
export const codebuildProjects: Source = {
  name: 'codebuild/projects',
  service: 'codebuild',
  scope: 'regional',
  description: 'CodeBuild projects: resource policy, service role, visibility, tags',
  apiCalls: ['codebuild:ListProjects', 'codebuild:BatchGetProjects', 'codebuild:GetResourcePolicy'],
  stores: [{ label: 'project', service: 'codebuild', resourceType: 'project', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const codebuild = ctx.client(CodeBuildClient);
    const pages = await allPages(
      (token) => codebuild.send(new ListProjectsCommand({ nextToken: token })),
      (page) => page.nextToken,
    );
    const names = pages.flatMap((page) => page.projects ?? []);
    const projects: Project[] = [];
    for (const batch of chunks(names, BATCH)) {
      const out = await codebuild.send(new BatchGetProjectsCommand({ names: batch }));
      projects.push(...(out.projects ?? []));
    }

    const records = await ctx.map(
      projects.filter((p) => p.arn),
      async (project) => {
        const arn = project.arn as string;
        const fields = new FieldCollector(arn);
        fields.files.metadata = {
          arn,
          name: project.name,
          serviceRole: project.serviceRole,
          encryptionKey: project.encryptionKey,
          visibility: project.projectVisibility,
          resourceAccessRole: project.resourceAccessRole,
        };
        fields.files.tags = lowerCaseTagsObject(project.tags);
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
