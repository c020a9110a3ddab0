import { APIGatewayClient, GetRestApisCommand, type RestApi } from '@aws-sdk/client-api-gateway';
import { escapedPolicyDocument, tagsMap } from '../policy-fields.js';
import type { ResourceRecord, Source } from '../types.js';

/**
 * API Gateway REST APIs with their resource policy and tags. GetRestApis returns all three, so a
 * region costs one call per 500 APIs and nothing per API.
 */
export const restApis: Source = {
  name: 'apigateway/gateways',
  service: 'apigateway',
  scope: 'regional',
  description: 'API Gateway REST APIs: resource policy (unescaped), tags',
  apiCalls: ['apigateway:GET'],
  stores: [
    { label: 'restApi', service: 'apigateway', resourceType: 'restapis', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(APIGatewayClient);
    const apis: RestApi[] = [];
    let position: string | undefined;
    do {
      const page = await client.send(new GetRestApisCommand({ limit: 500, position }));
      apis.push(...(page.items ?? []));
      position = page.position;
    } while (position);

    const resources: ResourceRecord[] = apis.flatMap((api) => {
      if (!api.id) return [];
      const arn = `arn:${ctx.partition}:apigateway:${ctx.region}::/restapis/${api.id}`;
      return [
        {
          arn,
          files: {
            metadata: { arn, id: api.id, name: api.name },
            policy: escapedPolicyDocument(api.policy),
            tags: tagsMap(api.tags),
          },
        },
      ];
    });
    return { resources };
  },
};
