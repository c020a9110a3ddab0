import {
  GetImagePolicyCommand,
  ImagebuilderClient,
  ListImageBuildVersionsCommand,
  ListImagesCommand,
} from '@aws-sdk/client-imagebuilder';
import { FieldCollector } from '../fields.js';
import { allPages, policyDocument, readResourceField, tagsMap } from '../policy-fields.js';
import { recordsResult } from '../records.js';
import type { Source } from '../types.js';
import { buildVersions, PAGE_SIZE } from './build-versions.js';

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
    )
      .flat()
      .filter((build) => build.arn);
    const records = await ctx.map(builds, async (build) => {
      const arn = build.arn as string;
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: build.name,
        version: build.version,
        type: build.type,
        platform: build.platform,
        status: build.state?.status,
      };
      fields.files.tags = tagsMap(build.tags);
      const policy = await readResourceField(() => client.send(new GetImagePolicyCommand({ imageArn: arn })));
      fields.set('policy', policy, (out) => policyDocument(out.policy));
      return fields;
    });
    return recordsResult(records);
  },
};
