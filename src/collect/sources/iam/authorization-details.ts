import {
  type AttachedPolicy,
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  IAMClient,
  ListPolicyTagsCommand,
  type PolicyDetail,
} from '@aws-sdk/client-iam';
import { FieldCollector, iamPolicyDocument, isoDate, readField, tagsObject } from '../fields.js';
import type { Issue, ResourceRecord, Source } from '../types.js';

const inlinePolicies = (list: PolicyDetail[] | undefined) =>
  list?.map((p) => ({ PolicyName: p.PolicyName, PolicyDocument: iamPolicyDocument(p.PolicyDocument) }));
const managedPolicies = (list: AttachedPolicy[] | undefined) => list?.map((p) => p.PolicyArn);

/**
 * Users, groups, roles and managed policies (customer and AWS) from GetAccountAuthorizationDetails,
 * paged with MaxItems 1000 (AWS's default page is 100): one call per thousand entities.
 */
export const authorizationDetails: Source = {
  name: 'iam/authorizationDetails',
  service: 'iam',
  scope: 'global',
  description:
    'IAM users, groups and roles (trust, inline and managed policies, boundaries, group membership, tags) and managed policies with their default version',
  apiCalls: ['iam:GetAccountAuthorizationDetails', 'iam:ListPolicyTags'],
  // Each job holds a whole account's principals and policies in memory.
  maxParallel: 3,
  stores: [
    {
      label: 'role',
      service: 'iam',
      resourceType: 'role',
      files: ['metadata', 'trust-policy', 'inline-policies', 'managed-policies', 'instance-profiles', 'tags'],
    },
    {
      label: 'user',
      service: 'iam',
      resourceType: 'user',
      files: ['metadata', 'inline-policies', 'managed-policies', 'groups', 'tags'],
    },
    {
      label: 'group',
      service: 'iam',
      resourceType: 'group',
      files: ['metadata', 'inline-policies', 'managed-policies'],
    },
    { label: 'policy', service: 'iam', resourceType: 'policy', files: ['metadata', 'current-policy', 'tags'] },
    {
      label: 'awsManagedPolicy',
      service: 'iam',
      resourceType: 'policy',
      awsOwned: true,
      files: ['metadata', 'current-policy'],
    },
  ],

  async collect(ctx) {
    const iam = ctx.client(IAMClient);
    const pages: GetAccountAuthorizationDetailsCommandOutput[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(
        new GetAccountAuthorizationDetailsCommand({
          Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'],
          MaxItems: 1000,
          Marker: marker,
        }),
      );
      pages.push(page);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);

    const resources: ResourceRecord[] = [];
    const issues: Issue[] = [];
    const groupArns = new Map<string, string>();
    for (const page of pages)
      for (const g of page.GroupDetailList ?? []) if (g.GroupName && g.Arn) groupArns.set(g.GroupName, g.Arn);

    for (const page of pages) {
      for (const role of page.RoleDetailList ?? []) {
        if (!role.Arn) continue;
        resources.push({
          arn: role.Arn,
          files: {
            metadata: {
              arn: role.Arn,
              name: role.RoleName,
              id: role.RoleId,
              path: role.Path,
              created: isoDate(role.CreateDate),
              permissionBoundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
            },
            'trust-policy': iamPolicyDocument(role.AssumeRolePolicyDocument),
            'inline-policies': inlinePolicies(role.RolePolicyList),
            'managed-policies': managedPolicies(role.AttachedManagedPolicies),
            'instance-profiles': role.InstanceProfileList?.map((p) => p.Arn),
            tags: tagsObject(role.Tags),
          },
        });
      }
      for (const user of page.UserDetailList ?? []) {
        if (!user.Arn) continue;
        const prefix = user.Arn.slice(0, user.Arn.indexOf(':user/'));
        resources.push({
          arn: user.Arn,
          files: {
            metadata: {
              arn: user.Arn,
              name: user.UserName,
              id: user.UserId,
              path: user.Path,
              created: isoDate(user.CreateDate),
              permissionBoundary: user.PermissionsBoundary?.PermissionsBoundaryArn,
            },
            'inline-policies': inlinePolicies(user.UserPolicyList),
            'managed-policies': managedPolicies(user.AttachedManagedPolicies),
            // GAAD names a user's groups; the stored form is their ARNs.
            groups: user.GroupList?.map((name) => groupArns.get(name) ?? `${prefix}:group/${name}`),
            tags: tagsObject(user.Tags),
          },
        });
      }
      for (const group of page.GroupDetailList ?? []) {
        if (!group.Arn) continue;
        resources.push({
          arn: group.Arn,
          files: {
            metadata: {
              arn: group.Arn,
              name: group.GroupName,
              id: group.GroupId,
              path: group.Path,
              created: isoDate(group.CreateDate),
            },
            'inline-policies': inlinePolicies(group.GroupPolicyList),
            'managed-policies': managedPolicies(group.AttachedManagedPolicies),
          },
        });
      }
    }

    // AWS managed policies: only those in use here (attached, or a permissions boundary), as AWS's own
    // GAAD returns them; emulators that return all ~1,500 would otherwise add that many folders per account.
    const boundaries = new Set<string>();
    for (const page of pages)
      for (const entity of [...(page.RoleDetailList ?? []), ...(page.UserDetailList ?? [])])
        if (entity.PermissionsBoundary?.PermissionsBoundaryArn)
          boundaries.add(entity.PermissionsBoundary.PermissionsBoundaryArn);
    const inUse = (p: { Arn?: string; AttachmentCount?: number; PermissionsBoundaryUsageCount?: number }) =>
      (p.AttachmentCount ?? 0) > 0 || (p.PermissionsBoundaryUsageCount ?? 0) > 0 || boundaries.has(p.Arn ?? '');
    const policies = pages
      .flatMap((page) => page.Policies ?? [])
      .filter((p) => p.Arn && (p.Arn.split(':')[4] !== 'aws' || inUse(p)));
    const includeTags = ctx.options.includePolicyTags === true;
    const records = await ctx.map(policies, async (policy) => {
      const arn = policy.Arn as string;
      const awsManaged = arn.split(':')[4] === 'aws';
      const version = policy.PolicyVersionList?.find(
        (v) => v.IsDefaultVersion || v.VersionId === policy.DefaultVersionId,
      );
      const fields = new FieldCollector(arn);
      fields.files.metadata = {
        arn,
        name: policy.PolicyName,
        id: policy.PolicyId,
        path: policy.Path,
        description: policy.Description,
        defaultVersionId: policy.DefaultVersionId,
        isAttachable: policy.IsAttachable,
        permissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount,
        createDate: isoDate(policy.CreateDate),
        updateDate: isoDate(policy.UpdateDate),
      };
      fields.files['current-policy'] = iamPolicyDocument(version?.Document);
      if (!awsManaged) {
        if (includeTags) {
          const tags = await readField(() => iam.send(new ListPolicyTagsCommand({ PolicyArn: arn })));
          fields.set('tags', tags, (out) => tagsObject(out.Tags));
        } else {
          // Not read in this run: what an earlier run with includePolicyTags stored stays.
          fields.keep.push('tags');
        }
      }
      issues.push(...fields.issues);
      return { arn, files: fields.files, keep: fields.keep } satisfies ResourceRecord;
    });
    resources.push(...records);
    return { resources, issues };
  },
};
