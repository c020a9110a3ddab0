import {
  ACMPCAClient,
  GetPolicyCommand,
  ListCertificateAuthoritiesCommand,
  ListTagsCommand,
} from '@aws-sdk/client-acm-pca';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * AWS Private CA certificate authorities the account owns, with their resource policy (which other
 * accounts may issue certificates from them, typically through a RAM share) and tags: two calls per
 * CA. CAs pending deletion (DELETED) are left out: they cannot be used until restored.
 */
export const acmPcaCertificateAuthorities: Source = {
  name: 'acm-pca/certificateAuthorities',
  service: 'acm-pca',
  scope: 'regional',
  description: 'AWS Private CA certificate authorities: resource policy, type, status, tags',
  apiCalls: ['acm-pca:ListCertificateAuthorities', 'acm-pca:GetPolicy', 'acm-pca:ListTags'],
  stores: [
    {
      label: 'certificateAuthority',
      service: 'acm-pca',
      resourceType: 'certificate-authority',
      files: ['metadata', 'policy', 'tags'],
    },
  ],

  async collect(ctx) {
    const pca = ctx.client(ACMPCAClient);
    const pages = await allPages(
      (token) =>
        pca.send(new ListCertificateAuthoritiesCommand({ ResourceOwner: 'SELF', MaxResults: 1000, NextToken: token })),
      (page) => page.NextToken,
    );
    const authorities = pages
      .flatMap((page) => page.CertificateAuthorities ?? [])
      .filter((ca) => ca.Arn && ca.Status !== 'DELETED');
    const records = await ctx.map(authorities, async (ca) => {
      const arn = ca.Arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        type: ca.Type,
        status: ca.Status,
        usageMode: ca.UsageMode,
        commonName: ca.CertificateAuthorityConfiguration?.Subject?.CommonName,
      };
      const [policy, tags] = await Promise.all([
        readResourceField(() => pca.send(new GetPolicyCommand({ ResourceArn: arn }))),
        readResourceField(() =>
          allPages(
            (token) =>
              pca.send(new ListTagsCommand({ CertificateAuthorityArn: arn, MaxResults: 50, NextToken: token })),
            (page) => page.NextToken,
          ),
        ),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (out) => tagsObject(out.flatMap((page) => page.Tags ?? [])));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
