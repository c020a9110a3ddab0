import {
  GetInstanceProfileCommand,
  IAMClient,
  type InstanceProfile,
  ListInstanceProfilesCommand,
} from '@aws-sdk/client-iam';
import { FieldCollector, readField, tagsObject } from '../fields.js';
import type { Source } from '../types.js';

/** Instance profiles and their roles, once per account (IAM is global; iam-collect lists them per region). */
export const instanceProfiles: Source = {
  name: 'iam/instanceProfiles',
  service: 'iam',
  scope: 'global',
  description: 'IAM instance profiles: their roles and tags',
  apiCalls: ['iam:ListInstanceProfiles', 'iam:GetInstanceProfile'],
  stores: [{ label: 'instanceProfile', service: 'iam', resourceType: 'instance-profile', files: ['metadata', 'tags'] }],

  async collect(ctx) {
    const iam = ctx.client(IAMClient);
    const profiles: InstanceProfile[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListInstanceProfilesCommand({ MaxItems: 1000, Marker: marker }));
      profiles.push(...(page.InstanceProfiles ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);

    const records = await ctx.map(
      profiles.filter((p) => p.Arn),
      async (profile) => {
        const fields = new FieldCollector(profile.Arn as string);
        fields.files.metadata = {
          arn: profile.Arn,
          name: profile.InstanceProfileName,
          id: profile.InstanceProfileId,
          path: profile.Path,
          roles: profile.Roles?.map((r) => r.Arn),
        };
        // ListInstanceProfiles does not return tags (AWS documents this): GetInstanceProfile does.
        const full = await readField(() =>
          iam.send(new GetInstanceProfileCommand({ InstanceProfileName: profile.InstanceProfileName })),
        );
        fields.set('tags', full, (out) => tagsObject(out.InstanceProfile?.Tags));
        return fields;
      },
    );
    return {
      resources: records.map((f) => ({ arn: f.arn, files: f.files, keep: f.keep })),
      issues: records.flatMap((f) => f.issues),
    };
  },
};
