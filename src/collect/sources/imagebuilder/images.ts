import {
  GetImagePolicyCommand,
  ImagebuilderClient,
  ListImageBuildVersionsCommand,
  ListImagesCommand,
} from '@aws-sdk/client-imagebuilder';
import { allPages } from '../policy-fields.js';
import type { Source } from '../types.js';
import { buildVersionRecords, buildVersions, PAGE_SIZE } from './build-versions.js';

/**
 * EC2 Image Builder images the account owns, one resource per build version
 * (`image/<name>/<version>/<build>`, the ARN the policy API takes), with the resource policy that
 * shares it with other accounts (RAM) and its tags (from the build version listing).
 */
export const imagebuilderImages: Source = {
  name: 'imagebuilder/images',
  service: 'imagebuilder',
  scope: 'regional',
  description: 'EC2 Image Builder images (per build version): resource policy, tags',
  apiCalls: ['imagebuilder:ListImages', 'imagebuilder:ListImageBuildVersions', 'imagebuilder:GetImagePolicy'],
  stores: [{ label: 'image', service: 'imagebuilder', resourceType: 'image', files: ['metadata', 'policy', 'tags'] }],

  async collect(ctx) {
    const client = ctx.client(ImagebuilderClient);
    const pages = await allPages(
      (token) =>
        client.send(new ListImagesCommand({ owner: 'Self', byName: false, maxResults: PAGE_SIZE, nextToken: token })),
      (page) => page.nextToken,
    );
    const versions = pages.flatMap((page) => page.imageVersionList ?? []).flatMap((v) => (v.arn ? [v.arn] : []));
    const builds = (
      await ctx.map(versions, (versionArn) =>
        buildVersions(
          (arn, token) =>
            client.send(
              new ListImageBuildVersionsCommand({ imageVersionArn: arn, maxResults: PAGE_SIZE, nextToken: token }),
            ),
          (page) => page.imageSummaryList,
          (page) => page.nextToken,
          versionArn,
        ),
      )
    ).flat();
    return buildVersionRecords(ctx, builds, (arn) => client.send(new GetImagePolicyCommand({ imageArn: arn })));
  },
};
