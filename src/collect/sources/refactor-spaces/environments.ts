import {
  GetResourcePolicyCommand,
  ListEnvironmentsCommand,
  MigrationHubRefactorSpacesClient,
} from '@aws-sdk/client-migration-hub-refactor-spaces';
import { FieldCollector, isoDate } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * Migration Hub Refactor Spaces environments the account owns, with their resource policy (which
 * shares the environment with other accounts through RAM) and tags. The listing gives name, ARN, id,
 * network fabric, state and the tags; the policy costs one call per environment.
 */
export const refactorSpacesEnvironments: Source = {
  name: 'refactor-spaces/environments',
  service: 'refactor-spaces',
  scope: 'regional',
  description: 'Migration Hub Refactor Spaces environments: resource policy, tags',
  apiCalls: ['refactor-spaces:ListEnvironments', 'refactor-spaces:GetResourcePolicy'],
  stores: [
    {
      label: 'environment',
      service: 'refactor-spaces',
      resourceType: 'environment',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const client = ctx.client(MigrationHubRefactorSpacesClient);
    const pages = await allPages(
      (token) => client.send(new ListEnvironmentsCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    // Environments shared with the account through RAM are listed too; their owner collects them.
    const environments = pages
      .flatMap((page) => page.EnvironmentSummaryList ?? [])
      .filter((environment) => environment.Arn && environment.EnvironmentId)
      .filter((environment) => environment.OwnerAccountId === undefined || environment.OwnerAccountId === ctx.account);
    const records = await ctx.map(environments, async (environment) => {
      const arn = environment.Arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        id: environment.EnvironmentId,
        name: environment.Name,
        description: environment.Description,
        networkFabricType: environment.NetworkFabricType,
        transitGatewayId: environment.TransitGatewayId,
        state: environment.State,
        createdTime: isoDate(environment.CreatedTime),
      };
      fields.files.tags = tagsMap(environment.Tags);
      const policy = await readResourceField(() => client.send(new GetResourcePolicyCommand({ Identifier: arn })));
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      return fields;
    });
    return recordsResult(records);
  },
};
