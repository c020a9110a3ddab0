import {
  CodeartifactClient,
  GetDomainPermissionsPolicyCommand,
  ListDomainsCommand,
} from '@aws-sdk/client-codeartifact';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';
import { codeartifactTags } from './tags.js';

/**
 * CodeArtifact domains with their permissions policy (which accounts may use the domain's repositories
 * and its package storage), encryption key and tags: two calls per domain.
 */
export const codeartifactDomains: Source = {
  name: 'codeartifact/domains',
  service: 'codeartifact',
  scope: 'regional',
  description: 'CodeArtifact domains: domain permissions policy, encryption key, tags',
  apiCalls: ['codeartifact:ListDomains', 'codeartifact:GetDomainPermissionsPolicy', 'codeartifact:ListTagsForResource'],
  stores: [{ label: 'domain', service: 'codeartifact', resourceType: 'domain', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(CodeartifactClient);
    const pages = await allPages(
      (token) => client.send(new ListDomainsCommand({ maxResults: 1000, nextToken: token })),
      (page) => page.nextToken,
    );
    const domains = pages.flatMap((page) => page.domains ?? []).filter((d) => d.arn && d.name);
    const records = await ctx.map(domains, async (domain) => {
      const arn = domain.arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: domain.name,
        owner: domain.owner,
        encryptionKey: domain.encryptionKey,
        status: domain.status,
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() =>
          client.send(new GetDomainPermissionsPolicyCommand({ domain: domain.name, domainOwner: domain.owner })),
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
