import { DescribeOrganizationCommand, type Organization, OrganizationsClient } from '@aws-sdk/client-organizations';
import { accountFileKey } from '../../../storage/layout.js';
import { classifyError, errorName } from '../../aws/errors.js';
import { collectOrganization } from '../../org/collect-organization.js';
import type { Source, SourceResult } from '../types.js';

/** Shared by every account's job of one organization in a run, so it is collected once. */
interface OrganizationState {
  collectedFrom?: string;
  /** Attempts are serialised: a delegated administrator only tries when the one before could not. */
  turn: Promise<unknown>;
}

/**
 * Every account: which organization it belongs to (`organization.json`, also for member accounts).
 * Once per organization per run: the organization itself (see collectOrganization), from the
 * management account when it is part of the run, else from the first account that is allowed to read
 * it (a delegated administrator).
 */
export const organization: Source = {
  name: 'organizations/organization',
  service: 'organizations',
  scope: 'global',
  description:
    'The organization, its roots and OU tree, accounts and tags, SCPs, RCPs and S3 policies with their attachments, delegated administrators and the resource policy',
  apiCalls: [
    'organizations:DescribeOrganization',
    'organizations:ListRoots',
    'organizations:ListOrganizationalUnitsForParent',
    'organizations:ListAccountsForParent',
    'organizations:ListTagsForResource',
    'organizations:ListPoliciesForTarget',
    'organizations:ListPolicies',
    'organizations:DescribePolicy',
    'organizations:ListDelegatedAdministrators',
    'organizations:ListDelegatedServicesForAccount',
    'organizations:DescribeResourcePolicy',
    'organizations:ListAccounts',
  ],
  stores: [],

  async collect(ctx) {
    const client = ctx.client(OrganizationsClient);
    const accountFile = accountFileKey(ctx.partition, ctx.account, 'organization');
    let described: Organization | undefined;
    try {
      described = (await client.send(new DescribeOrganizationCommand({}))).Organization;
    } catch (error) {
      if (errorName(error) !== 'AWSOrganizationsNotInUseException' && classifyError(error) !== 'absent') throw error;
    }
    if (!described?.Id) return { files: [{ key: accountFile, value: undefined }], note: 'not in an organization' };
    const orgId = described.Id;
    const membership = { key: accountFile, value: { organizationId: orgId } };

    const management = described.MasterAccountId;
    const managementInRun = management !== undefined && ctx.accounts.includes(management);
    if (managementInRun && management !== ctx.account) return { files: [membership] };

    const state = await ctx.once<OrganizationState>(`organization:${orgId}`, async () => ({ turn: Promise.resolve() }));
    const attempt = state.turn.then(async (): Promise<SourceResult> => {
      if (state.collectedFrom) return { files: [membership] };
      try {
        const result = await collectOrganization(client, described, ctx);
        state.collectedFrom = ctx.account;
        return { ...result, files: [membership, ...(result.files ?? [])] };
      } catch (error) {
        // Only the management account must be able to read the organization.
        if (managementInRun || classifyError(error) === 'failed') throw error;
        return {
          files: [membership],
          note: `organization ${orgId} not readable from this account (not a delegated administrator)`,
        };
      }
    });
    state.turn = attempt.catch(() => undefined);
    return attempt;
  },
};
