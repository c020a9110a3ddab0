import {
  GetComponentPolicyCommand,
  ImagebuilderClient,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
} from '@aws-sdk/client-imagebuilder';
import { allPages } from '../policy-fields.js';
import type { Source } from '../types.js';
import { buildVersionRecords, buildVersions, PAGE_SIZE } from './build-versions.js';

/**
 * EC2 Image Builder components the account owns, one resource per build version
 * (`component/<name>/<version>/<build>`, the ARN the policy API takes), with the resource policy that
 * shares it with other accounts (RAM) and its tags (from the build version listing).
 */
export const imagebuilderComponents: Source = {
  name: 'imagebuilder/components',
  service: 'imagebuilder',
  scope: 'regional',
  description: 'EC2 Image Builder components (per build version): resource policy, tags',
  apiCalls: [
    'imagebuilder:ListComponents',
    'imagebuilder:ListComponentBuildVersions',
    'imagebuilder:GetComponentPolicy',
  ],
  stores: [
    { label: 'component', service: 'imagebuilder', resourceType: 'component', files: ['metadata', 'policy', 'tags'] },
  ],

  async collect(ctx) {
    const client = ctx.client(ImagebuilderClient);
    const pages = await allPages(
      (token) =>
        client.send(
          new ListComponentsCommand({ owner: 'Self', byName: false, maxResults: PAGE_SIZE, nextToken: token }),
        ),
      (page) => page.nextToken,
    );
    const versions = pages.flatMap((page) => page.componentVersionList ?? []).flatMap((v) => (v.arn ? [v.arn] : []));
    const builds = (
      await ctx.map(versions, (versionArn) =>
        buildVersions(
          (arn, token) =>
            client.send(
              new ListComponentBuildVersionsCommand({
                componentVersionArn: arn,
                maxResults: PAGE_SIZE,
                nextToken: token,
              }),
            ),
          (page) => page.componentSummaryList,
          (page) => page.nextToken,
          versionArn,
        ),
      )
    ).flat();
    return buildVersionRecords(ctx, builds, (arn) => client.send(new GetComponentPolicyCommand({ componentArn: arn })));
  },
};
