import {
  DescribeRepositoriesCommand,
  ECRPUBLICClient,
  GetRepositoryPolicyCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-ecr-public';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** ECR Public's API is served from one region, and only in the aws partition. */
const API_REGION: Readonly<Record<string, string>> = { aws: 'us-east-1' };

/**
 * ECR Public repositories: anyone may pull from them; the repository policy says who else may push or
 * manage them. Their ARNs name no region (`arn:aws:ecr-public::<account>:repository/<name>`), so they are
 * collected once per account, from us-east-1. The listing gives name, ARN and URI; the policy and the
 * tags cost one call each per repository.
 */
export const ecrPublicRepositories: Source = {
  name: 'ecr-public/repositories',
  service: 'ecr-public',
  scope: 'global',
  description: 'ECR Public repositories: repository policy, URI, tags',
  apiCalls: ['ecr-public:DescribeRepositories', 'ecr-public:GetRepositoryPolicy', 'ecr-public:ListTagsForResource'],
  stores: [
    { label: 'repository', service: 'ecr-public', resourceType: 'repository', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const region = API_REGION[ctx.partition];
    if (!region) return { note: `ECR Public does not exist in the ${ctx.partition} partition` };
    const client = ctx.client(ECRPUBLICClient, 'ecr-public', region);
    const pages = await allPages(
      (token) => client.send(new DescribeRepositoriesCommand({ maxResults: 1000, nextToken: token })),
      (page) => page.nextToken,
    );
    const repositories = pages
      .flatMap((page) => page.repositories ?? [])
      .filter((r) => r.repositoryArn && r.repositoryName);
    const records = await ctx.map(repositories, async (repository) => {
      const arn = repository.repositoryArn as string;
      const name = repository.repositoryName as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        repositoryName: name,
        registryId: repository.registryId,
        repositoryUri: repository.repositoryUri,
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetRepositoryPolicyCommand({ repositoryName: name }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ resourceArn: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.policyText));
      fields.set('tags', tags, (out) => tagsObject(out.tags));
      return fields;
    });
    return recordsResult(records);
  },
};
