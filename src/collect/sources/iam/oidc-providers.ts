import { GetOpenIDConnectProviderCommand, IAMClient, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { FieldCollector, readField, tagsObject } from '../fields.js';
import type { Source } from '../types.js';

/** OpenID Connect identity providers: the URL, audiences and thumbprints that web-identity trust relies on. */
export const oidcProviders: Source = {
  name: 'iam/oidcProviders',
  service: 'iam',
  scope: 'global',
  description: 'IAM OIDC identity providers: URL, audiences (client ids), thumbprints, tags',
  apiCalls: ['iam:ListOpenIDConnectProviders', 'iam:GetOpenIDConnectProvider'],
  stores: [{ label: 'oidcProvider', service: 'iam', resourceType: 'oidc-provider', files: ['metadata', 'tags'] }],

  async collect(ctx) {
    const iam = ctx.client(IAMClient);
    const list = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    const arns = (list.OpenIDConnectProviderList ?? []).flatMap((p) => (p.Arn ? [p.Arn] : []));
    const records = await ctx.map(arns, async (arn) => {
      const fields = new FieldCollector(arn);
      const provider = await readField(() =>
        iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })),
      );
      fields.set('metadata', provider, (p) => ({
        arn,
        url: p.Url,
        audiences: p.ClientIDList,
        thumbprints: p.ThumbprintList,
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
