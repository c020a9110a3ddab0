import {
  type InstanceMetadata,
  ListInstancesCommand,
  ListPermissionSetsCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { FieldCollector } from '../fields.js';
import { allPages, readResourceField } from '../policy-fields.js';
import type { Issue, ResourceRecord, Source, StoredType } from '../types.js';
import { collectPermissionSet, PrincipalNames, ssoTags } from './permission-set.js';

/**
 * Identity Center folders have no region (`arn:aws:sso:::instance/...`) although an instance lives in
 * one region: each region's job owns the resources whose stored metadata names its region.
 */
const ownedByRegion: StoredType['owns'] = (metadata, job) => metadata?.region === job.region;

const PERMISSION_SET_FILES = [
  'metadata',
  'awsmanagedpolicies',
  'customermanagedpolicies',
  'inlinepolicy',
  'permissionboundary',
  'accounts',
  'assignments',
  'tags',
];

/**
 * IAM Identity Center instances owned by the account and their permission sets: AWS managed, customer
 * managed and inline policies, permissions boundary, the accounts a set is provisioned to, and the
 * account assignments (who gets the set in which account: iamwright's addition).
 */
export const ssoInstances: Source = {
  name: 'sso/instances',
  service: 'sso',
  scope: 'regional',
  description:
    'IAM Identity Center instances and permission sets: managed, customer managed and inline policies, boundary, provisioned accounts, account assignments, tags',
  apiCalls: [
    'sso:ListInstances',
    'sso:ListTagsForResource',
    'sso:ListPermissionSets',
    'sso:DescribePermissionSet',
    'sso:ListManagedPoliciesInPermissionSet',
    'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
    'sso:GetInlinePolicyForPermissionSet',
    'sso:GetPermissionsBoundaryForPermissionSet',
    'sso:ListAccountsForProvisionedPermissionSet',
    'sso:ListAccountAssignments',
    'identitystore:DescribeUser',
    'identitystore:DescribeGroup',
  ],
  stores: [
    {
      label: 'instance',
      service: 'sso',
      resourceType: 'instance',
      regionless: true,
      owns: ownedByRegion,
      // moto puts permission sets under `instance/` too (its ARNs are `instance/<id>/<ps-id>`).
      files: [...new Set(['metadata', 'tags', ...PERMISSION_SET_FILES])],
    },
    {
      label: 'permissionSet',
      service: 'sso',
      resourceType: 'permissionset',
      regionless: true,
      owns: ownedByRegion,
      files: PERMISSION_SET_FILES,
    },
  ],

  async collect(ctx) {
    const client = ctx.client(SSOAdminClient);
    const pages = await allPages(
      (token) => client.send(new ListInstancesCommand({ MaxResults: 100, NextToken: token })),
      (page) => page.NextToken,
    );
    const instances = pages
      .flatMap((page) => page.Instances ?? [])
      .filter((i) => i.InstanceArn && i.OwnerAccountId === ctx.account && i.Status === 'ACTIVE');
    const names = new PrincipalNames(ctx.client(IdentitystoreClient, 'identitystore'));

    const resources: ResourceRecord[] = [];
    const issues: Issue[] = [];
    for (const instance of instances) {
      const collected = await collectInstance(instance);
      resources.push(...collected.resources);
      issues.push(...collected.issues);
    }
    if (names.denied) issues.push({ kind: 'denied', field: 'assignments principalName', message: names.denied });
    return { resources, issues };

    async function collectInstance(instance: InstanceMetadata) {
      const instanceArn = instance.InstanceArn as string;
      const fields = new FieldCollector(instanceArn);
      fields.files.metadata = {
        arn: instanceArn,
        name: instance.Name,
        identityStoreId: instance.IdentityStoreId,
        ownerAccountId: instance.OwnerAccountId,
        status: instance.Status,
        region: ctx.region,
      };
      fields.set('tags', await readResourceField(() => ssoTags(client, instanceArn, instanceArn)));
      const setPages = await allPages(
        (token) =>
          client.send(new ListPermissionSetsCommand({ InstanceArn: instanceArn, MaxResults: 100, NextToken: token })),
        (page) => page.NextToken,
      );
      const sets = await ctx.map(
        setPages.flatMap((page) => page.PermissionSets ?? []),
        (permissionSetArn) =>
          collectPermissionSet(ctx, client, names, {
            instanceArn,
            identityStoreId: instance.IdentityStoreId,
            permissionSetArn,
          }),
      );
      return {
        resources: [{ arn: instanceArn, files: fields.files, keep: fields.keep }, ...sets.map((s) => s.record)],
        issues: [...fields.issues, ...sets.flatMap((s) => s.issues)],
      };
    }
  },
};
