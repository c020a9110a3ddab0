import { GetSinkPolicyCommand, ListSinksCommand, ListTagsForResourceCommand, OAMClient } from '@aws-sdk/client-oam';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * CloudWatch Observability Access Manager sinks with their sink policy (which source accounts or
 * organizations may link to this monitoring account and share which telemetry: a cross-account door)
 * and tags. The listing gives name, id and ARN; the policy and the tags cost one call each per sink
 * (ResourceNotFoundException: no policy). Links (the source side) are not read: they grant nothing.
 */
export const oamSinks: Source = {
  name: 'oam/sinks',
  service: 'oam',
  scope: 'regional',
  description: 'CloudWatch Observability Access Manager sinks: sink policy, tags',
  apiCalls: ['oam:ListSinks', 'oam:GetSinkPolicy', 'oam:ListTagsForResource'],
  stores: [{ label: 'sink', service: 'oam', resourceType: 'sink', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(OAMClient);
    const pages = await allPages(
      (token) => client.send(new ListSinksCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const sinks = pages.flatMap((page) => page.Items ?? []).filter((sink) => sink.Arn);
    const records = await ctx.map(sinks, async (sink) => {
      const arn = sink.Arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name: sink.Name, id: sink.Id };
      const [policy, tags] = await Promise.all([
        readResourceField(() => client.send(new GetSinkPolicyCommand({ SinkIdentifier: arn }))),
        readResourceField(() => client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (out) => tagsMap(out.Tags));
      return fields;
    });
    return recordsResult(records);
  },
};
