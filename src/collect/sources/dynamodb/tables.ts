import {
  DynamoDBClient,
  GetResourcePolicyCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/**
 * DynamoDB tables of one region: resource policy and tags. Streams share the `table` folder (their
 * ARNs are `table/<name>/stream/<label>`), so each source owns only the folders its metadata marks.
 */
export const dynamoDbTables: Source = {
  name: 'dynamodb/tables',
  service: 'dynamodb',
  scope: 'regional',
  description: 'DynamoDB tables: resource policy, tags',
  apiCalls: ['dynamodb:ListTables', 'dynamodb:GetResourcePolicy', 'dynamodb:ListTagsOfResource'],
  stores: [
    {
      label: 'table',
      service: 'dynamodb',
      resourceType: 'table',
      files: ['metadata', 'policy', 'tags'],
      owns: (metadata) => metadata?.table === 'true',
    },
  ],

  async collect(ctx) {
    const dynamodb = ctx.client(DynamoDBClient);
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = await dynamodb.send(new ListTablesCommand({ Limit: 100, ExclusiveStartTableName: start }));
      names.push(...(page.TableNames ?? []));
      start = page.LastEvaluatedTableName;
    } while (start);

    const records = await ctx.map(names, async (name) => {
      const arn = `arn:${ctx.partition}:dynamodb:${ctx.region}:${ctx.account}:table/${name}`;
      const fields = new FieldCollector(arn);
      const [policy, tags] = await Promise.all([
        readResourceField(() => dynamodb.send(new GetResourcePolicyCommand({ ResourceArn: arn }))),
        readResourceField(() => listTags(dynamodb, arn)),
      ]);
      fields.files.metadata = { arn, name, table: 'true' };
      fields.set('policy', policy, (out) => policyDocument(out.Policy));
      fields.set('tags', tags, (list) => tagsObject(list));
      return fields;
    });
    return recordsResult(records);
  },
};

async function listTags(dynamodb: DynamoDBClient, arn: string) {
  const tags: Array<{ Key?: string; Value?: string }> = [];
  let token: string | undefined;
  do {
    const page = await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: arn, NextToken: token }));
    tags.push(...(page.Tags ?? []));
    token = page.NextToken;
  } while (token);
  return tags;
}
