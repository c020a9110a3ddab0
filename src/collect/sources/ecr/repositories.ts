import {
  DescribeRepositoriesCommand,
  ECRClient,
  GetRepositoryPolicyCommand,
  ListTagsForResourceCommand,
  type Repository,
} from '@aws-sdk/client-ecr';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** ECR repositories of one region: repository policy, KMS key, tags. */
export const ecrRepositories: Source = {
  name: 'ecr/repositories',
  service: 'ecr',
  scope: 'regional',
  description: 'ECR repositories: repository policy, KMS key, tags',
  apiCalls: ['ecr:DescribeRepositories', 'ecr:GetRepositoryPolicy', 'ecr:ListTagsForResource'],
  stores: [{ label: 'repository', service: 'ecr', resourceType: 'repository', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const ecr = ctx.client(ECRClient);
    const found: Repository[] = [];
    let token: string | undefined;
    do {
      const page = await ecr.send(new DescribeRepositoriesCommand({ maxResults: 1000, nextToken: token }));
      found.push(...(page.repositories ?? []));
      token = page.nextToken;
    } while (token);

    const records = await ctx.map(
      found.filter((repo) => repo.repositoryArn && repo.repositoryName),
      async (repo) => {
        const arn = repo.repositoryArn as string;
        const name = repo.repositoryName as string;
        const fields = new FieldCollector(arn);
        const [policy, tags] = await Promise.all([
          readResourceField(() => ecr.send(new GetRepositoryPolicyCommand({ repositoryName: name }))),
          readResourceField(() => ecr.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
        ]);
        fields.files.metadata = { arn, repositoryName: name, key: repo.encryptionConfiguration?.kmsKey };
        fields.set('policy', policy, (out) => policyDocument(out.policyText));
        fields.set('tags', tags, (out) => tagsObject(out.tags));
        return fields;
      },
    );
    return recordsResult(records);
  },
};
