import {
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  ListTopicsCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { FieldCollector, tagsObject } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { noteGap, recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** SNS topics of one region: topic policy, display name, KMS key, owner, tags. */
export const snsTopics: Source = {
  name: 'sns/topics',
  service: 'sns',
  scope: 'regional',
  description: 'SNS topics: topic policy, KMS key, owner, tags',
  apiCalls: ['sns:ListTopics', 'sns:GetTopicAttributes', 'sns:ListTagsForResource'],
  stores: [{ label: 'topic', service: 'sns', resourceType: '', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const sns = ctx.client(SNSClient);
    const arns: string[] = [];
    let token: string | undefined;
    do {
      const page = await sns.send(new ListTopicsCommand({ NextToken: token }));
      for (const topic of page.Topics ?? []) if (topic.TopicArn) arns.push(topic.TopicArn);
      token = page.NextToken;
    } while (token);

    const records = await ctx.map(arns, async (arn) => {
      const fields = new FieldCollector(arn);
      const [attributes, tags] = await Promise.all([
        readResourceField(() => sns.send(new GetTopicAttributesCommand({ TopicArn: arn }))),
        readResourceField(() => sns.send(new ListTagsForResourceCommand({ ResourceArn: arn }))),
      ]);
      const values = attributes.state === 'ok' ? attributes.value.Attributes : undefined;
      fields.files.metadata = {
        arn,
        name: arn.slice(arn.lastIndexOf(':') + 1),
        displayName: values?.DisplayName,
        keyId: values?.KmsMasterKeyId,
        owner: values?.Owner,
      };
      noteGap(fields, 'metadata.displayName', attributes);
      fields.set('policy', attributes, (out) => policyDocument(out.Attributes?.Policy));
      fields.set('tags', tags, (out) => tagsObject(out.Tags));
      return fields;
    });
    return recordsResult(records);
  },
};
