import { DescribeGroupCommand, DescribeUserCommand, type IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  type AccountAssignment,
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListTagsForResourceCommand,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { classifyError, describeError } from '../../aws/errors.js';
import { FieldCollector, type FieldResult, tagsObject } from '../fields.js';
import { allPages, policyDocument, readResourceField } from '../policy-fields.js';
import type { Issue, ResourceRecord, SourceContext } from '../types.js';

/** Tags of an instance or permission set, every page. */
export async function ssoTags(
  client: SSOAdminClient,
  instanceArn: string,
  resourceArn: string,
): Promise<Record<string, string> | undefined> {
  const pages = await allPages(
    (token) =>
      client.send(
        new ListTagsForResourceCommand({ InstanceArn: instanceArn, ResourceArn: resourceArn, NextToken: token }),
      ),
    (page) => page.NextToken,
  );
  return tagsObject(pages.flatMap((page) => page.Tags ?? []));
}

/**
 * Names of Identity Store users and groups, asked once per principal per job. A denied lookup leaves
 * the name out; the first denial is reported.
 */
export class PrincipalNames {
  private readonly cache = new Map<string, Promise<string | undefined>>();
  denied: string | undefined;

  constructor(private readonly client: IdentitystoreClient) {}

  name(identityStoreId: string, type: string | undefined, id: string): Promise<string | undefined> {
    const key = `${identityStoreId}/${type}/${id}`;
    let name = this.cache.get(key);
    if (!name) {
      name = this.lookup(identityStoreId, type, id);
      this.cache.set(key, name);
    }
    return name;
  }

  private async lookup(identityStoreId: string, type: string | undefined, id: string): Promise<string | undefined> {
    try {
      if (type === 'USER') {
        const user = await this.client.send(new DescribeUserCommand({ IdentityStoreId: identityStoreId, UserId: id }));
        return user.UserName;
      }
      if (type === 'GROUP') {
        const group = await this.client.send(
          new DescribeGroupCommand({ IdentityStoreId: identityStoreId, GroupId: id }),
        );
        return group.DisplayName;
      }
      return undefined;
    } catch (error) {
      const kind = classifyError(error);
      if (kind === 'absent') return undefined; // deleted from the identity store since
      if (kind === 'denied') {
        this.denied ??= describeError(error);
        return undefined;
      }
      throw error;
    }
  }
}

interface PermissionSetRef {
  instanceArn: string;
  identityStoreId: string | undefined;
  permissionSetArn: string;
}

/**
 * One permission set: 7 calls, plus one ListAccountAssignments per provisioned account and one
 * Identity Store lookup per distinct assigned principal.
 */
export async function collectPermissionSet(
  ctx: SourceContext,
  client: SSOAdminClient,
  names: PrincipalNames,
  ref: PermissionSetRef,
): Promise<{ record: ResourceRecord; issues: Issue[] }> {
  const { instanceArn, permissionSetArn } = ref;
  const input = { InstanceArn: instanceArn, PermissionSetArn: permissionSetArn };
  const fields = new FieldCollector(permissionSetArn);
  const [described, tags, managed, customer, inline, boundary, accounts] = await Promise.all([
    readResourceField(() => client.send(new DescribePermissionSetCommand(input))),
    readResourceField(() => ssoTags(client, instanceArn, permissionSetArn)),
    readResourceField(() =>
      allPages(
        (token) => client.send(new ListManagedPoliciesInPermissionSetCommand({ ...input, NextToken: token })),
        (page) => page.NextToken,
      ),
    ),
    readResourceField(() =>
      allPages(
        (token) =>
          client.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ ...input, NextToken: token })),
        (page) => page.NextToken,
      ),
    ),
    readResourceField(() => client.send(new GetInlinePolicyForPermissionSetCommand(input))),
    readResourceField(() => client.send(new GetPermissionsBoundaryForPermissionSetCommand(input))),
    readResourceField(() =>
      allPages(
        (token) => client.send(new ListAccountsForProvisionedPermissionSetCommand({ ...input, NextToken: token })),
        (page) => page.NextToken,
      ),
    ),
  ]);
  fields.set('metadata', described, (out) => ({
    arn: permissionSetArn,
    name: out.PermissionSet?.Name,
    description: out.PermissionSet?.Description,
    region: ctx.region,
  }));
  fields.set('tags', tags);
  fields.set('awsmanagedpolicies', managed, (pages) =>
    pages.flatMap((page) => page.AttachedManagedPolicies ?? []).map((p) => ({ Arn: p.Arn, Name: p.Name })),
  );
  // A customer managed policy is a name and path looked up in each target account; the ARN is the one
  // it has in the collected account, as in iam-collect.
  fields.set('customermanagedpolicies', customer, (pages) =>
    pages
      .flatMap((page) => page.CustomerManagedPolicyReferences ?? [])
      .map((p) => ({
        arn: `arn:${ctx.partition}:iam::${ctx.account}:policy${p.Path ?? '/'}${p.Name}`,
        Name: p.Name,
        Path: p.Path,
      })),
  );
  fields.set('inlinepolicy', inline, (out) => policyDocument(out.InlinePolicy));
  fields.set('permissionboundary', boundary, (out) => out.PermissionsBoundary);
  const accountIds = accounts.state === 'ok' ? accounts.value.flatMap((page) => page.AccountIds ?? []).sort() : [];
  fields.set('accounts', accounts, () => accountIds);
  fields.set(
    'assignments',
    await assignments(ctx, client, names, ref, accounts.state === 'ok' ? accountIds : accounts),
  );
  return { record: { arn: permissionSetArn, files: fields.files, keep: fields.keep }, issues: fields.issues };
}

interface StoredAssignment {
  accountId: string | undefined;
  principalType: string | undefined;
  principalId: string | undefined;
  principalName?: string;
}

/**
 * Who gets the permission set in which account: one ListAccountAssignments per provisioned account,
 * principals named from the Identity Store. Unknown when the accounts could not be listed.
 */
async function assignments(
  ctx: SourceContext,
  client: SSOAdminClient,
  names: PrincipalNames,
  ref: PermissionSetRef,
  accounts: string[] | FieldResult<unknown>,
): Promise<FieldResult<StoredAssignment[]>> {
  if (!Array.isArray(accounts)) {
    return accounts.state === 'denied' || accounts.state === 'failed'
      ? { state: accounts.state, message: `accounts unknown: ${accounts.message}` }
      : { state: 'absent' };
  }
  const perAccount = await ctx.map(accounts, (accountId) =>
    readResourceField(() =>
      allPages(
        (token) =>
          client.send(
            new ListAccountAssignmentsCommand({
              InstanceArn: ref.instanceArn,
              PermissionSetArn: ref.permissionSetArn,
              AccountId: accountId,
              NextToken: token,
            }),
          ),
        (page) => page.NextToken,
      ),
    ),
  );
  const denied = perAccount.find((r) => r.state === 'denied');
  if (denied && denied.state === 'denied') return { state: 'denied', message: denied.message };
  const listed: AccountAssignment[] = perAccount.flatMap((r) =>
    r.state === 'ok' ? r.value.flatMap((page) => page.AccountAssignments ?? []) : [],
  );
  const named = await ctx.map(listed, async (a) => {
    const principalName =
      ref.identityStoreId && a.PrincipalId
        ? await names.name(ref.identityStoreId, a.PrincipalType, a.PrincipalId)
        : undefined;
    return {
      accountId: a.AccountId,
      principalType: a.PrincipalType,
      principalId: a.PrincipalId,
      ...(principalName !== undefined ? { principalName } : {}),
    };
  });
  return { state: 'ok', value: named };
}
