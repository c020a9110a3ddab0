import { GetEmailIdentityCommand, ListEmailIdentitiesCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * SES email identities (domains and addresses) with their sending-authorization policies: which other
 * accounts may send as the identity. An identity may have several named policies, stored like IAM
 * inline policies: `policies.json` = `[{PolicyName, PolicyDocument}]`. GetEmailIdentity returns the
 * policies and the tags in one call.
 */
export const sesIdentities: Source = {
  name: 'ses/identities',
  service: 'ses',
  scope: 'regional',
  description: 'SES email identities: sending-authorization policies, verification status, tags',
  apiCalls: ['ses:ListEmailIdentities', 'ses:GetEmailIdentity'],
  stores: [{ label: 'identity', service: 'ses', resourceType: 'identity', files: ['metadata', 'policies', 'tags'] }],

  async collect(ctx) {
    const ses = ctx.client(SESv2Client);
    const pages = await allPages(
      (token) => ses.send(new ListEmailIdentitiesCommand({ PageSize: 1000, NextToken: token })),
      (page) => page.NextToken,
    );
    const identities = pages.flatMap((page) => page.EmailIdentities ?? []).filter((i) => i.IdentityName);
    const records = await ctx.map(identities, async (identity) => {
      const name = identity.IdentityName as string;
      const arn = `arn:${ctx.partition}:ses:${ctx.region}:${ctx.account}:identity/${name}`;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name,
        type: identity.IdentityType,
        sendingEnabled: identity.SendingEnabled,
        verificationStatus: identity.VerificationStatus,
      };
      const details = await readResourceField(() => ses.send(new GetEmailIdentityCommand({ EmailIdentity: name })));
      fields.set('policies', details, (out) => {
        const policies = Object.entries(out.Policies ?? {}).map(([PolicyName, text]) => ({
          PolicyName,
          PolicyDocument: policyDocument(text),
        }));
        return policies.length > 0 ? policies : undefined;
      });
      fields.set('tags', details, (out) => tagsObject(out.Tags));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      // One call reads both files: one gap to record per identity.
      issues: records.flatMap((f) => f.issues.filter((issue) => issue.field === 'policies')),
    };
  },
};
