import {
  CodeartifactClient,
  GetRepositoryPermissionsPolicyCommand,
  ListRepositoriesCommand,
} from '@aws-sdk/client-codeartifact';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';
import { codeartifactTags } from './tags.js';

/**
 * CodeArtifact repositories with their permissions policy (who may read or publish packages) and
 * tags: two calls per repository. The ARN `repository/<domain>/<name>` puts them in
 * `codeartifact/<region>/repository/<domain>%2f<name>/`.
 */
export const codeartifactRepositories: Source = {
  name: 'codeartifact/repositories',
  service: 'codeartifact',
  scope: 'regional',
  description: 'CodeArtifact repositories: repository permissions policy, domain, tags',
  apiCalls: [
    'codeartifact:ListRepositories',
    'codeartifact:GetRepositoryPermissionsPolicy',
    'codeartifact:ListTagsForResource',
  ],
  stores: [
    { label: 'repository', service: 'codeartifact', resourceType: 'repository', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(CodeartifactClient);
    const pages = await allPages(
      (token) => client.send(new ListRepositoriesCommand({ maxResults: 1000, nextToken: token })),
      (page) => page.nextToken,
    );
    const repositories = pages.flatMap((page) => page.repositories ?? []).filter((r) => r.arn && r.name);
    const records = await ctx.map(repositories, async (repository) => {
      const arn = repository.arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: repository.name,
        domainName: repository.domainName,
        domainOwner: repository.domainOwner,
        administratorAccount: repository.administratorAccount,
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() =>
          client.send(
            new GetRepositoryPermissionsPolicyCommand({
              domain: repository.domainName,
              domainOwner: repository.domainOwner,
              repository: repository.name,
            }),
          ),
        ),
        readResourceField(() => codeartifactTags(client, arn)),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.policy?.document));
      fields.set('tags', tags);
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
