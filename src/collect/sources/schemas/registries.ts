import { GetResourcePolicyCommand, ListRegistriesCommand, SchemasClient } from '@aws-sdk/client-schemas';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * EventBridge schema registries of the account (scope LOCAL: AWS's own registries are left out) with
 * their resource policy (which accounts may read or write schemas) and tags. The listing gives the
 * tags; the policy costs one call per registry.
 */
export const schemaRegistries: Source = {
  name: 'schemas/registries',
  service: 'schemas',
  scope: 'regional',
  description: 'EventBridge schema registries: resource policy, tags',
  apiCalls: ['schemas:ListRegistries', 'schemas:GetResourcePolicy'],
  stores: [{ label: 'registry', service: 'schemas', resourceType: 'registry', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const schemas = ctx.client(SchemasClient);
    const pages = await allPages(
      (token) => schemas.send(new ListRegistriesCommand({ Scope: 'LOCAL', Limit: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const registries = pages.flatMap((page) => page.Registries ?? []).filter((r) => r.RegistryArn && r.RegistryName);
    const records = await ctx.map(registries, async (registry) => {
      const arn = registry.RegistryArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name: registry.RegistryName };
      fields.files.tags = tagsMap(registry.Tags);
      const policy = await readResourceField(() =>
        schemas.send(new GetResourcePolicyCommand({ RegistryName: registry.RegistryName })),
      );
      // The policy is a JSON document the SDK hands over as JSON text (a String object).
      fields.set('policy', policy, (out) =>
        out.Policy === undefined ? undefined : policyDocument(String(out.Policy)),
      );
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
