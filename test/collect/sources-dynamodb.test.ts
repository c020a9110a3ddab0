/**
 * DynamoDB tables (moto) and streams (moto lists them; their resource policies go through an HTTP
 * emulation, moto mis-parses stream ARNs): policies, tags; AccessDenied on a policy; deletion after
 * removal, each source deleting only its own kind in the shared `table` folder.
 */
import * as dynamodb from '@aws-sdk/client-dynamodb';
import { StreamPolicyState, streamPolicyEmulator } from '../moto/resource-emulators.js';
import { seedClientConfig, seedDynamoDb } from '../moto/resource-seeds.js';
import { ACCOUNT, DENIED, sourceTestSuite } from './resource-sources-harness.js';

const streamPolicies = new StreamPolicyState();
let streams: Record<string, string> = {};

/** Stream labels are creation times: the golden files name them by region. */
function stable(files: Record<string, unknown>): Record<string, unknown> {
  let text = JSON.stringify(files);
  for (const [region, arn] of Object.entries(streams)) {
    const label = arn.slice(arn.lastIndexOf('/') + 1);
    text = text
      .replaceAll(label, `<label-${region}>`)
      .replaceAll(encodeURIComponent(label).toLowerCase(), `<label-${region}>`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

sourceTestSuite({
  service: 'dynamodb',
  kind: 'moto, stream policies by HTTP emulation',
  emulators: [streamPolicyEmulator(streamPolicies)],
  async seed(endpoint) {
    streams = await seedDynamoDb({ endpoint });
  },
  stable,
  jobs: [
    ['us-east-1', 'tables', { status: 'collected', counts: { table: 2 } }],
    ['us-east-1', 'dynamoDbStreams', { status: 'collected', counts: { stream: 1 } }],
  ],
  denied: {
    what: 'a table policy',
    predicate: (request) =>
      request.operation === 'dynamodb:GetResourcePolicy' &&
      request.region === 'us-west-2' &&
      request.body.toString('utf8').endsWith(':table/orders"}'),
    job: [
      'us-west-2',
      'tables',
      {
        status: 'collected',
        counts: { table: 2 },
        issues: [
          {
            kind: 'denied',
            arn: `arn:aws:dynamodb:us-west-2:${ACCOUNT}:table/orders`,
            field: 'policy',
            message: DENIED,
          },
        ],
      },
    ],
  },
  removed: {
    what: 'tables (one with its stream), the tags of a table',
    async remove(endpoint) {
      const east = new dynamodb.DynamoDBClient(seedClientConfig({ endpoint }, 'us-east-1'));
      const west = new dynamodb.DynamoDBClient(seedClientConfig({ endpoint }, 'us-west-2'));
      await east.send(new dynamodb.DeleteTableCommand({ TableName: 'sessions' }));
      await east.send(
        new dynamodb.UntagResourceCommand({
          ResourceArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/orders`,
          TagKeys: ['app'],
        }),
      );
      await west.send(new dynamodb.DeleteTableCommand({ TableName: 'orders' }));
      east.destroy();
      west.destroy();
    },
    gone: (path) =>
      path.startsWith('dynamodb/us-east-1/table/sessions/') ||
      path === 'dynamodb/us-east-1/table/orders/tags.json' ||
      path.startsWith('dynamodb/us-west-2/table/orders/') ||
      path.startsWith('dynamodb/us-west-2/table/orders%2fstream%2f'),
    files: 7,
  },
});
