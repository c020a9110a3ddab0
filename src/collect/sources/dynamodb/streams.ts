import { DynamoDBClient, GetResourcePolicyCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, ListStreamsCommand, type _Stream as Stream } from '@aws-sdk/client-dynamodb-streams';
import { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * DynamoDB streams of one region with their resource policy, stored next to their table as
 * `dynamodb/<region>/table/<table>%2fstream%2f<label>`. Streams take no tags.
 */
export const dynamoDbStreams: Source = {
  name: 'dynamodb/dynamoDbStreams',
  service: 'dynamodb',
  scope: 'regional',
  description: 'DynamoDB streams: resource policy',
  apiCalls: ['dynamodb:ListStreams', 'dynamodb:GetResourcePolicy'],
  stores: [
    {
      label: 'stream',
      service: 'dynamodb',
      resourceType: 'table',
      files: ['metadata', 'policy'],
      owns: (metadata) => metadata?.stream === 'true',
    },
  ],

  async collect(ctx) {
    const streams = ctx.client(DynamoDBStreamsClient, 'dynamodbstreams');
    const dynamodb = ctx.client(DynamoDBClient);
    const found: Stream[] = [];
    let start: string | undefined;
    do {
      const page = await streams.send(new ListStreamsCommand({ Limit: 100, ExclusiveStartStreamArn: start }));
      found.push(...(page.Streams ?? []));
      start = page.LastEvaluatedStreamArn;
    } while (start);

    const records = await ctx.map(
      found.filter((stream) => stream.StreamArn),
      async (stream) => {
        const arn = stream.StreamArn as string;
        const fields = new FieldCollector(arn);
        const policy = await readResourceField(() => dynamodb.send(new GetResourcePolicyCommand({ ResourceArn: arn })));
        fields.files.metadata = { arn, label: stream.StreamLabel, tableName: stream.TableName, stream: 'true' };
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        return fields;
      },
    );
    return recordsResult(records);
  },
};
