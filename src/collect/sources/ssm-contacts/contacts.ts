import {
  GetContactPolicyCommand,
  ListContactsCommand,
  ListTagsForResourceCommand,
  SSMContactsClient,
} from '@aws-sdk/client-ssm-contacts';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * Incident Manager contacts and escalation plans with their resource policy (which accounts may engage
 * them, shared through RAM) and tags: two calls per contact.
 */
export const ssmContacts: Source = {
  name: 'ssm-contacts/contacts',
  service: 'ssm-contacts',
  scope: 'regional',
  description: 'Incident Manager contacts and escalation plans: contact policy, type, tags',
  apiCalls: ['ssm-contacts:ListContacts', 'ssm-contacts:GetContactPolicy', 'ssm-contacts:ListTagsForResource'],
  stores: [
    { label: 'contact', service: 'ssm-contacts', resourceType: 'contact', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(SSMContactsClient);
    const pages = await allPages(
      (token) => client.send(new ListContactsCommand({ MaxResults: 1024, NextToken: token })),
      (page) => page.NextToken,
    );
    const contacts = pages.flatMap((page) => page.Contacts ?? []).filter((c) => c.ContactArn);
    const records = await ctx.map(contacts, async (contact) => {
      const arn = contact.ContactArn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, alias: contact.Alias, displayName: contact.DisplayName, type: contact.Type };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetContactPolicyCommand({ ContactArn: arn }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceARN: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (out) => tagsObject(out.Tags));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
