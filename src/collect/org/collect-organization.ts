import {
  DescribePolicyCommand,
  DescribeResourcePolicyCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListTagsForResourceCommand,
  type Organization,
  type OrganizationsClient,
  type PolicySummary,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import {
  organizationalUnitFolder,
  organizationKey,
  organizationPolicyFolder,
  type OrganizationPolicyKind,
} from '../../storage/layout.js';
import { FieldCollector, readField, tagsObject } from '../sources/fields.js';
import type { Issue, SourceResult } from '../sources/types.js';
import { allPages } from './pages.js';
import { readTree, type OrganizationTree } from './tree.js';

/** The policy types stored, their folder and their key in `accounts.json`/`ous.json`. */
const POLICY_KINDS: ReadonlyArray<{ type: PolicyType; folder: OrganizationPolicyKind; key: string }> = [
  { type: 'SERVICE_CONTROL_POLICY', folder: 'scps', key: 'scps' },
  { type: 'RESOURCE_CONTROL_POLICY', folder: 'rcps', key: 'rcps' },
  { type: 'S3_POLICY' as PolicyType, folder: 's3-policies', key: 's3Policies' },
];

interface Context {
  partition: string;
  map<T, R>(items: readonly T[], task: (item: T) => Promise<R>): Promise<R[]>;
}

/**
 * Everything stored under `organizations/<org id>/`: the organization, its roots and OU tree, accounts
 * and their tags, SCPs, RCPs and S3 policies with their attachments, delegated administrators and the
 * organization resource policy. Run from the management account or a delegated administrator.
 * Structure calls must all succeed (else the job fails and nothing is changed); tags, policy contents,
 * delegated admins and the resource policy are fields: denied or failed ones keep what is stored.
 */
export async function collectOrganization(
  org: OrganizationsClient,
  organization: Organization,
  ctx: Context,
): Promise<SourceResult> {
  const orgId = organization.Id as string;
  const key = (...rest: string[]) => organizationKey(ctx.partition, orgId, ...rest);
  const tree = await readTree(org, ctx.map);
  const root = tree.roots[0];
  const enabled = new Set(
    (root?.PolicyTypes ?? []).filter((t) => t.Status === 'ENABLED').flatMap((t) => (t.Type ? [t.Type] : [])),
  );
  const kinds = POLICY_KINDS.filter((k) => enabled.has(k.type));
  const issues: Issue[] = [];
  const files: Array<{ key: string; value: unknown }> = [];

  // Attachments of every enabled policy type to every root, OU and account.
  const targets = [...tree.roots.flatMap((r) => (r.Id ? [r.Id] : [])), ...tree.ous.keys(), ...tree.accounts.keys()];
  const attached = new Map<string, Record<string, string[]>>();
  await ctx.map(targets, async (target) => {
    const byKind: Record<string, string[]> = Object.fromEntries(POLICY_KINDS.map((k) => [k.key, []]));
    for (const kind of kinds) {
      const policies = await allPages(async (NextToken) => {
        const out = await org.send(
          new ListPoliciesForTargetCommand({ TargetId: target, Filter: kind.type, NextToken }),
        );
        return { items: out.Policies, next: out.NextToken };
      });
      byKind[kind.key] = policies.flatMap((p) => (p.Arn ? [p.Arn] : []));
    }
    attached.set(target, byKind);
  });

  // Tags of roots, OUs and accounts.
  const tags = new Map<string, FieldCollector>();
  await ctx.map(targets, async (target) => {
    const fields = new FieldCollector(target);
    fields.set('tags', await readTags(org, target), (t) => t);
    tags.set(target, fields);
    issues.push(...fields.issues);
  });

  const ouIds = [...tree.roots.flatMap((r) => (r.Id ? [r.Id] : [])), ...tree.ous.keys()];
  const ous: Record<string, unknown> = {};
  for (const id of ouIds) {
    const parent = tree.parents.get(id);
    ous[id] = { ...(parent ? { parent } : {}), ...attached.get(id) };
    const node = tree.ous.get(id) ?? tree.roots.find((r) => r.Id === id);
    const folder = organizationalUnitFolder(ctx.partition, orgId, id);
    files.push({ key: `${folder}/metadata.json`, value: { arn: node?.Arn, name: node?.Name } });
    pushField(files, `${folder}/tags.json`, tags.get(id), 'tags');
  }

  const accounts: Record<string, unknown> = {};
  for (const [id] of tree.accounts) {
    const fields = tags.get(id);
    accounts[id] = {
      ou: tree.parents.get(id),
      ...attached.get(id),
      // Unknown tags (denied) are left out here: accounts.json is one file.
      tags: fields?.files.tags,
    };
  }

  files.push(
    {
      key: key('metadata.json'),
      value: {
        id: orgId,
        arn: organization.Arn,
        rootOu: root?.Id,
        rootAccountArn: organization.MasterAccountArn,
        rootAccountId: organization.MasterAccountId,
        features: Object.fromEntries([...enabled].map((t) => [t, true])),
      },
    },
    { key: key('structure.json'), value: structure(tree) },
    { key: key('accounts.json'), value: accounts },
    { key: key('ous.json'), value: ous },
  );

  const policyFolders = await collectPolicies(org, kinds, ctx, orgId, files, issues);

  const admins = await readField(() => delegatedAdmins(org));
  const adminFields = new FieldCollector(`${organization.Arn ?? orgId}`);
  adminFields.set('delegated-admins', admins);
  pushField(files, key('delegated-admins.json'), adminFields, 'delegated-admins');
  issues.push(...adminFields.issues);

  const policy = await readField(async () => {
    const out = await org.send(new DescribeResourcePolicyCommand({}));
    const content = out.ResourcePolicy?.Content;
    return content ? JSON.parse(content) : undefined;
  });
  const policyFields = new FieldCollector(`${organization.Arn ?? orgId}`);
  policyFields.set('policy', policy);
  pushField(files, key('policy.json'), policyFields, 'policy');
  issues.push(...policyFields.issues);

  return {
    files,
    folders: [
      { prefix: key('ous'), children: ouIds },
      ...POLICY_KINDS.map((k) => ({ prefix: key(k.folder), children: policyFolders.get(k.folder) ?? [] })),
    ],
    issues,
    counts: {
      organizationalUnits: tree.ous.size,
      organizationAccounts: tree.accounts.size,
      ...Object.fromEntries(POLICY_KINDS.map((k) => [k.key, policyFolders.get(k.folder)?.length ?? 0])),
    },
  };
}

/** Adds a field's file unless its read was denied or failed (then what is stored stays). */
function pushField(
  files: Array<{ key: string; value: unknown }>,
  key: string,
  fields: FieldCollector | undefined,
  name: string,
): void {
  if (fields && !fields.keep.includes(name)) files.push({ key, value: fields.files[name] });
}

async function readTags(org: OrganizationsClient, id: string) {
  return readField(async () => {
    const list = await allPages(async (NextToken) => {
      const out = await org.send(new ListTagsForResourceCommand({ ResourceId: id, NextToken }));
      return { items: out.Tags, next: out.NextToken };
    });
    return tagsObject(list);
  });
}

/** Every policy of the enabled kinds: metadata, content, tags. Returns the policy ids per folder. */
async function collectPolicies(
  org: OrganizationsClient,
  kinds: typeof POLICY_KINDS,
  ctx: Context,
  orgId: string,
  files: Array<{ key: string; value: unknown }>,
  issues: Issue[],
): Promise<Map<string, string[]>> {
  const ids = new Map<string, string[]>();
  for (const kind of kinds) {
    const policies: PolicySummary[] = await allPages(async (NextToken) => {
      const out = await org.send(new ListPoliciesCommand({ Filter: kind.type, NextToken }));
      return { items: out.Policies, next: out.NextToken };
    });
    ids.set(
      kind.folder,
      policies.flatMap((p) => (p.Id ? [p.Id] : [])),
    );
    await ctx.map(
      policies.filter((p) => p.Id),
      async (summary) => {
        const folder = organizationPolicyFolder(ctx.partition, orgId, kind.folder, summary.Id as string);
        const fields = new FieldCollector(summary.Arn ?? (summary.Id as string));
        files.push({
          key: `${folder}/metadata.json`,
          value: {
            arn: summary.Arn,
            name: summary.Name,
            description: summary.Description,
            awsManaged: summary.AwsManaged,
          },
        });
        const content = await readField(async () => {
          const out = await org.send(new DescribePolicyCommand({ PolicyId: summary.Id }));
          const text = out.Policy?.Content;
          return text ? JSON.parse(text) : undefined;
        });
        fields.set('policy', content);
        pushField(files, `${folder}/policy.json`, fields, 'policy');
        // AWS managed policies cannot be tagged.
        if (!summary.AwsManaged) {
          fields.set('tags', await readTags(org, summary.Id as string), (t) => t);
          pushField(files, `${folder}/tags.json`, fields, 'tags');
        } else {
          files.push({ key: `${folder}/tags.json`, value: undefined });
        }
        issues.push(...fields.issues);
      },
    );
  }
  return ids;
}

/** `{<service principal>: [account ids]}`. */
async function delegatedAdmins(org: OrganizationsClient): Promise<Record<string, string[]>> {
  const admins = await allPages(async (NextToken) => {
    const out = await org.send(new ListDelegatedAdministratorsCommand({ NextToken }));
    return { items: out.DelegatedAdministrators, next: out.NextToken };
  });
  const out: Record<string, string[]> = {};
  for (const admin of admins) {
    if (!admin.Id) continue;
    const services = await allPages(async (NextToken) => {
      const res = await org.send(new ListDelegatedServicesForAccountCommand({ AccountId: admin.Id, NextToken }));
      return { items: res.DelegatedServices, next: res.NextToken };
    });
    for (const service of services) {
      if (!service.ServicePrincipal) continue;
      out[service.ServicePrincipal] ??= [];
      out[service.ServicePrincipal]?.push(admin.Id);
    }
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

/** `{<root>: {accounts: [arn], children: {<ou>: {...}}}}`; empty lists and maps are left out. */
function structure(tree: OrganizationTree): Record<string, unknown> {
  const node = (id: string): Record<string, unknown> => {
    const entry = tree.children.get(id);
    const out: Record<string, unknown> = {};
    const accounts = (entry?.accounts ?? []).flatMap((a) => {
      const arn = tree.accounts.get(a)?.Arn;
      return arn ? [arn] : [];
    });
    if (accounts.length > 0) out.accounts = accounts;
    if (entry && entry.ous.length > 0) out.children = Object.fromEntries(entry.ous.map((ou) => [ou, node(ou)]));
    return out;
  };
  return Object.fromEntries(tree.roots.flatMap((r) => (r.Id ? [[r.Id, node(r.Id)]] : [])));
}
