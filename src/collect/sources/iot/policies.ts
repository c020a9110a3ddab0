import {
  GetPolicyCommand,
  IoTClient,
  ListPoliciesCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
} from '@aws-sdk/client-iot';
import { FieldCollector, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Source } from '../types.js';

/**
 * IoT Core policies: what the devices (certificates, Cognito identities) they are attached to may do
 * on MQTT topics, shadows and jobs. Stored with the default version's document, the principals and
 * thing groups they are attached to (`targets.json`, ARNs), and tags: three calls per policy.
 */
export const iotPolicies: Source = {
  name: 'iot/policies',
  service: 'iot',
  scope: 'regional',
  description: 'IoT Core policies: default version document, attached principals and thing groups, tags',
  apiCalls: ['iot:ListPolicies', 'iot:GetPolicy', 'iot:ListTargetsForPolicy', 'iot:ListTagsForResource'],
  stores: [
    { label: 'policy', service: 'iot', resourceType: 'policy', files: ['metadata', 'policy', 'targets', 'tags'] },
  ],

  async collect(ctx) {
    const iot = ctx.client(IoTClient);
    const pages = await allPages(
      (marker) => iot.send(new ListPoliciesCommand({ pageSize: 250, marker })),
      (page) => page.nextMarker,
    );
    const policies = pages.flatMap((page) => page.policies ?? []).filter((p) => p.policyArn && p.policyName);
    const records = await ctx.map(policies, async (summary) => {
      const arn = summary.policyArn as string;
      const policyName = summary.policyName as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = { arn, name: policyName };
      const [policy, targets, tags] = await Promise.all([
        readResourceField(() => iot.send(new GetPolicyCommand({ policyName }))),
        readResourceField(() =>
          allPages(
            (marker) => iot.send(new ListTargetsForPolicyCommand({ policyName, pageSize: 250, marker })),
            (page) => page.nextMarker,
          ),
        ),
        readResourceField(() =>
          allPages(
            (nextToken) => iot.send(new ListTagsForResourceCommand({ resourceArn: arn, nextToken })),
            (page) => page.nextToken,
          ),
        ),
      ]);
      fields.set('policy', policy, (out) => policyDocument(out.policyDocument));
      fields.set('targets', targets, (out) => out.flatMap((page) => page.targets ?? []));
      fields.set('tags', tags, (out) => tagsObject(out.flatMap((page) => page.tags ?? [])));
      return fields;
    });
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
