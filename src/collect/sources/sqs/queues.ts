import { GetQueueAttributesCommand, ListQueuesCommand, ListQueueTagsCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { noteGap, recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** SQS queues of one region: queue policy, KMS key, tags. */
export const sqsQueues: Source = {
  name: 'sqs/queue',
  service: 'sqs',
  scope: 'regional',
  description: 'SQS queues: queue policy, KMS key, tags',
  apiCalls: ['sqs:ListQueues', 'sqs:GetQueueAttributes', 'sqs:ListQueueTags'],
  stores: [{ label: 'queue', service: 'sqs', resourceType: '', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const sqs = ctx.client(SQSClient);
    const urls: string[] = [];
    let token: string | undefined;
    do {
      const page = await sqs.send(new ListQueuesCommand({ MaxResults: 1000, NextToken: token }));
      urls.push(...(page.QueueUrls ?? []));
      token = page.NextToken;
    } while (token);

    const records = await ctx.map(urls, async (url) => {
      const name = url.slice(url.lastIndexOf('/') + 1);
      const arn = `arn:${ctx.partition}:sqs:${ctx.region}:${ctx.account}:${name}`;
      const fields = new FieldCollector(arn);
      const [attributes, tags] = await Promise.all([
        readResourceField(() =>
          sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy', 'KmsMasterKeyId'] })),
        ),
        readResourceField(() => sqs.send(new ListQueueTagsCommand({ QueueUrl: url }))),
      ]);
      const values = attributes.state === 'ok' ? attributes.value.Attributes : undefined;
      fields.files.metadata = { arn, name, kmsKey: values?.KmsMasterKeyId };
      noteGap(fields, 'metadata.kmsKey', attributes);
      fields.set('policy', attributes, (out) => policyDocument(out.Attributes?.Policy));
      fields.set('tags', tags, (out) => tagsMap(out.Tags));
      return fields;
    });
    return recordsResult(records);
  },
};
