import {
  DescribeStreamSummaryCommand,
  GetResourcePolicyCommand,
  KinesisClient,
  ListStreamsCommand,
  ListTagsForStreamCommand,
  type StreamSummary,
} from '@aws-sdk/client-kinesis';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { noteGap, recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** Kinesis data streams of one region: resource policy, encryption, tags. */
export const kinesisDataStreams: Source = {
  name: 'kinesis/dataStreams',
  service: 'kinesis',
  scope: 'regional',
  description: 'Kinesis data streams: resource policy, encryption, tags',
  apiCalls: [
    'kinesis:ListStreams',
    'kinesis:DescribeStreamSummary',
    'kinesis:GetResourcePolicy',
    'kinesis:ListTagsForStream',
  ],
  stores: [{ label: 'stream', service: 'kinesis', resourceType: 'stream', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const kinesis = ctx.client(KinesisClient);
    const found: StreamSummary[] = [];
    let token: string | undefined;
    do {
      const page = await kinesis.send(new ListStreamsCommand({ Limit: 1000, NextToken: token }));
      found.push(...(page.StreamSummaries ?? []));
      token = page.HasMoreStreams ? page.NextToken : undefined;
    } while (token);

    const records = await ctx.map(
      found.filter((stream) => stream.StreamARN && stream.StreamName),
      async (stream) => {
        const arn = stream.StreamARN as string;
        const fields = new FieldCollector(arn);
        const [summary, policy, tags] = await Promise.all([
          readResourceField(() => kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arn }))),
          readResourceField(() => kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arn }))),
          readResourceField(() => listTags(kinesis, arn)),
        ]);
        const description = summary.state === 'ok' ? summary.value.StreamDescriptionSummary : undefined;
        fields.files.metadata = {
          arn,
          name: stream.StreamName,
          encryptionType: description?.EncryptionType,
          keyId: description?.KeyId,
        };
        noteGap(fields, 'metadata.encryptionType', summary);
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        fields.set('tags', tags, (list) => tagsObject(list));
        return fields;
      },
    );
    return recordsResult(records);
  },
};

async function listTags(kinesis: KinesisClient, arn: string) {
  const tags: Array<{ Key?: string; Value?: string }> = [];
  let start: string | undefined;
  for (;;) {
    const page = await kinesis.send(new ListTagsForStreamCommand({ StreamARN: arn, ExclusiveStartTagKey: start }));
    tags.push(...(page.Tags ?? []));
    start = page.Tags?.at(-1)?.Key;
    if (!page.HasMoreTags || !start) return tags;
  }
}
