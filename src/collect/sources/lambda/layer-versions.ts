import {
  GetLayerVersionPolicyCommand,
  LambdaClient,
  type LayersListItem,
  type LayerVersionsListItem,
  ListLayersCommand,
  ListLayerVersionsCommand,
} from '@aws-sdk/client-lambda';
import { FieldCollector } from '../fields.js';
import { policyDocument, readResourceField } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';

/** Every version of every Lambda layer in one region, with the version's resource policy. Layers take no tags. */
export const lambdaLayerVersions: Source = {
  name: 'lambda/lambdaLayerVersions',
  service: 'lambda',
  scope: 'regional',
  description: 'Lambda layer versions: resource policy',
  apiCalls: ['lambda:ListLayers', 'lambda:ListLayerVersions', 'lambda:GetLayerVersionPolicy'],
  stores: [{ label: 'layerVersion', service: 'lambda', resourceType: 'layer', files: ['metadata', 'policy'] }],

  async collect(ctx) {
    const lambda = ctx.client(LambdaClient);
    const layers: LayersListItem[] = [];
    let marker: string | undefined;
    do {
      const page = await lambda.send(new ListLayersCommand({ MaxItems: 50, Marker: marker }));
      layers.push(...(page.Layers ?? []));
      marker = page.NextMarker;
    } while (marker);

    const versions = (
      await ctx.map(
        layers.filter((layer) => layer.LayerName),
        async (layer) => {
          const found: Array<{ layer: string; version: LayerVersionsListItem }> = [];
          let next: string | undefined;
          do {
            const page = await lambda.send(
              new ListLayerVersionsCommand({ LayerName: layer.LayerName, MaxItems: 50, Marker: next }),
            );
            for (const version of page.LayerVersions ?? []) found.push({ layer: layer.LayerName as string, version });
            next = page.NextMarker;
          } while (next);
          return found;
        },
      )
    ).flat();

    const records = await ctx.map(
      versions.filter(({ version }) => version.LayerVersionArn && version.Version !== undefined),
      async ({ layer, version }) => {
        const arn = version.LayerVersionArn as string;
        const fields = new FieldCollector(arn);
        const policy = await readResourceField(() =>
          lambda.send(new GetLayerVersionPolicyCommand({ LayerName: layer, VersionNumber: version.Version })),
        );
        fields.files.metadata = { arn, name: layer, version: version.Version };
        fields.set('policy', policy, (out) => policyDocument(out.Policy));
        return fields;
      },
    );
    return recordsResult(records);
  },
};
