import { GetSAMLProviderCommand, IAMClient, ListSAMLProvidersCommand } from '@aws-sdk/client-iam';
import { FieldCollector, isoDate, readField, tagsObject } from '../fields.js';
import type { Source } from '../types.js';

/** SAML identity providers: the metadata document that SAML federation trust relies on. */
export const samlProviders: Source = {
  name: 'iam/samlProviders',
  service: 'iam',
  scope: 'global',
  description: 'IAM SAML identity providers: metadata document, validity, encryption settings, tags',
  apiCalls: ['iam:ListSAMLProviders', 'iam:GetSAMLProvider'],
  stores: [{ label: 'samlProvider', service: 'iam', resourceType: 'saml-provider', files: ['metadata', 'tags'] }],

  async collect(ctx) {
    const iam = ctx.client(IAMClient);
    const list = await iam.send(new ListSAMLProvidersCommand({}));
    const arns = (list.SAMLProviderList ?? []).flatMap((p) => (p.Arn ? [p.Arn] : []));
    const records = await ctx.map(arns, async (arn) => {
      const fields = new FieldCollector(arn);
      const provider = await readField(() => iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn })));
      fields.set('metadata', provider, (p) => ({
        arn,
        'metadata-document': p.SAMLMetadataDocument,
        uuid: p.SAMLProviderUUID,
        validUntil: isoDate(p.ValidUntil),
        assertEncryption: p.AssertionEncryptionMode,
        privateKeys: p.PrivateKeyList?.map((k) => ({ keyId: k.KeyId, timestamp: isoDate(k.Timestamp) })),
      }));
      fields.set('tags', provider, (p) => tagsObject(p.Tags));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues.filter((issue) => issue.field === 'metadata')),
    };
  },
};
