/**
 * `iamwright collect policy`: the least-privilege IAM policies the collector itself needs (iam-collect
 * issue #162), written by the write-policy engine from the IAM actions each source declares, so the
 * policy follows the code: a new source or call changes the policy with no list to keep in sync.
 *
 * Two policies:
 * - management: for the identity that runs the collector in the management account. Every call of the
 *   configured sources, the organization reads, and `sts:AssumeRole` on the role it assumes in the
 *   other accounts (`auth.role.pathAndName`). A delegated administrator that reads the organization
 *   needs this one too.
 * - member: for that role in every other account. The same calls without the organization reads that
 *   only the management account (or a delegated administrator) can make.
 */
import type { Dataset } from '../../data/model.js';
import type { PolicyDocument, PolicyStatement } from '../../policy/document.js';
import { pythonJsonDumps, pythonYamlDump, type JsonValue } from '../../policy/render.js';
import { renderTerraformHcl } from '../../policy/render-iac.js';
import { DataError } from '../../util/errors.js';
import { WILDCARD_SID } from '../../write/engine/sid-group.js';
import { writePolicy } from '../../write/write-policy.js';
import { ResolvedConfig } from '../config/resolve.js';
import { SERVICE_CODES, type ServiceCode } from '../config/services.js';
import type { AuthConfig, ConfigLayer, ServiceConfig } from '../config/types.js';
import type { Source } from '../sources/types.js';

/** The Organizations call a member account makes itself: which organization it is in (`organization.json`). */
const MEMBER_ORGANIZATIONS_CALLS: ReadonlySet<string> = new Set(['organizations:DescribeOrganization']);

/** Made by the engine, not a source: the enabled regions, when no region list is configured. */
const LIST_REGIONS = 'account:ListRegions';
/** Made by the engine for `accounts: "organization"`, from the management account. */
const LIST_ACCOUNTS = 'organizations:ListAccounts';

/** The Sid of the read statement (the engine's own name for a `Resource: "*"` statement says nothing here). */
export const READ_SID = 'IamwrightCollectorRead';

export interface MemberRole {
  /** An account id, or `*`. */
  account: string;
  pathAndName: string;
}

export interface CollectorPolicies {
  management: PolicyDocument;
  member: PolicyDocument;
}

/** The policies split with `--max-size`: each kind as a list of policies that fit. */
export interface SplitCollectorPolicies {
  management: PolicyDocument[];
  member: PolicyDocument[];
}

/** What the policies are generated for, from the configuration (see planFromConfig). */
export interface CollectorPolicyPlan {
  /** The configured services that have sources, in the order of SERVICE_CODES. */
  services: ServiceCode[];
  /** Services named explicitly (`--services`, `services.included`) that no source of this version collects. */
  unsupported: ServiceCode[];
  /**
   * Every role the collector assumes in the accounts (`auth.role.pathAndName`, at any level): in every
   * account (`*`), or in one account when it is set under `accountConfigs.<id>`. Sorted, unique.
   */
  memberRoles: MemberRole[];
  /** No region list is configured, so the collector asks each account for its enabled regions. */
  listRegions: boolean;
  /** `accounts: "organization"`: the management account lists the organization's accounts. */
  listAccounts: boolean;
}

/**
 * What to grant, read from configuration layers (none: every service, no role to assume, regions
 * discovered). `cliServices` is `--services`: it replaces the full list before the files' filters apply,
 * as in `collect download`.
 */
export function planFromConfig(
  layers: readonly ConfigLayer[],
  sources: readonly Source[],
  cliServices?: readonly ServiceCode[],
): CollectorPolicyPlan {
  const config = new ResolvedConfig([...layers]);
  // Account-level filters may add services back: grant the union over every configured account.
  const accounts = new Set(['', ...layers.flatMap((layer) => Object.keys(layer.config.accountConfigs ?? {}))]);
  const configured = new Set<ServiceCode>();
  for (const account of accounts)
    for (const service of config.services(account, cliServices ? [...cliServices] : undefined)) configured.add(service);
  const ordered = SERVICE_CODES.filter((service) => configured.has(service));
  const collected = new Set(sources.map((source) => source.service));
  const roles = new Map<string, MemberRole>();
  for (const layer of layers)
    for (const { account, auth } of authBlocks(layer)) {
      const pathAndName = auth.role?.pathAndName;
      if (pathAndName) roles.set(`${account} ${pathAndName}`, { account, pathAndName });
    }
  const services = ordered.filter((service) => collected.has(service));
  const named = new Set<string>([
    ...(cliServices ?? []),
    ...layers.flatMap((layer) => [
      ...(layer.config.services?.included ?? []),
      ...Object.values(layer.config.accountConfigs ?? {}).flatMap((account) => account.services?.included ?? []),
    ]),
  ]);
  return {
    services,
    unsupported: ordered.filter((service) => !collected.has(service) && named.has(service)),
    memberRoles: [...roles.keys()].sort().map((key) => roles.get(key) as MemberRole),
    listRegions:
      config.baseRegions('', undefined) === undefined &&
      sources.some((source) => source.scope === 'regional' && services.includes(source.service)),
    listAccounts: config.accounts()?.organization !== undefined,
  };
}

/**
 * Every auth block of a configuration file, at every level it may appear (not the S3 storage's), with
 * the account it applies to (`*` outside `accountConfigs`).
 */
function authBlocks(layer: ConfigLayer): Array<{ account: string; auth: AuthConfig }> {
  const ofService = (service: ServiceConfig | undefined): Array<AuthConfig | undefined> => [
    service?.auth,
    ...Object.values(service?.regionConfigs ?? {}).map((region) => region.auth),
    ...Object.values(service?.syncConfigs ?? {}).map((sync) => sync.auth),
  ];
  const { config } = layer;
  const blocks = [
    ...[config.auth, ...Object.values(config.serviceConfigs ?? {}).flatMap(ofService)].map((auth) => ({
      account: '*',
      auth,
    })),
    ...Object.entries(config.accountConfigs ?? {}).flatMap(([account, settings]) =>
      [settings.auth, ...Object.values(settings.serviceConfigs ?? {}).flatMap(ofService)].map((auth) => ({
        account,
        auth,
      })),
    ),
  ];
  return blocks.filter((block): block is { account: string; auth: AuthConfig } => block.auth !== undefined);
}

/** Source API calls the dataset does not know: a typo in a source, or a dataset older than the source. */
export function unknownApiCalls(
  sources: readonly Source[],
  dataset: Dataset,
): Array<{ source: string; action: string }> {
  const unknown: Array<{ source: string; action: string }> = [];
  for (const source of sources) {
    for (const action of source.apiCalls) {
      const [service = '', name = ''] = action.split(':');
      const known = dataset.getService(service)?.actions.some((a) => a.name.toLowerCase() === name.toLowerCase());
      if (!known) unknown.push({ source: source.name, action });
    }
  }
  return unknown;
}

/** The two policies for the planned services, sources filtered to them. */
export function collectorPolicies(
  plan: CollectorPolicyPlan,
  sources: readonly Source[],
  options: { dataset: Dataset; partition: string },
): CollectorPolicies {
  const selected = sources.filter((source) => plan.services.includes(source.service));
  const unknown = unknownApiCalls(selected, options.dataset);
  if (unknown.length > 0) {
    const list = unknown.map((u) => `${u.action} (${u.source})`).join(', ');
    throw new DataError(
      `the IAM dataset (${options.dataset.location}) does not know ${list}: run \`iamwright data update\`, or use the bundled dataset`,
    );
  }
  const calls = new Set(selected.flatMap((source) => source.apiCalls));
  if (plan.listRegions) calls.add(LIST_REGIONS);
  const management = [...calls];
  if (plan.listAccounts) management.push(LIST_ACCOUNTS);
  const member = [...calls].filter(
    (action) => !action.startsWith('organizations:') || MEMBER_ORGANIZATIONS_CALLS.has(action),
  );
  const roleArns = [...new Set(plan.memberRoles.map((role) => roleArn(options.partition, role)))].sort();
  return {
    management: policyOf(management, roleArns, options.dataset),
    member: policyOf(member, [], options.dataset),
  };
}

/** `arn:<partition>:iam::<account or *>:role<pathAndName>`, the leading `/` optional as in the configuration. */
export function roleArn(partition: string, role: MemberRole): string {
  const { account, pathAndName } = role;
  return `arn:${partition}:iam::${account}:role${pathAndName.startsWith('/') ? '' : '/'}${pathAndName}`;
}

/** Read actions on `*` (actions mode, shrunk), then AssumeRole on the member roles (crud mode's sts section). */
function policyOf(actions: readonly string[], roleArns: readonly string[], dataset: Dataset): PolicyDocument {
  const statements: PolicyStatement[] = [];
  if (actions.length > 0) {
    const read = writePolicy(
      { mode: 'actions', actions: [...new Set(actions)].sort() },
      { dataset, resourcePlaceholder: '*', shrink: true },
    );
    statements.push(...read.policy.Statement.map((s) => (s.Sid === WILDCARD_SID ? { ...s, Sid: READ_SID } : s)));
  }
  if (roleArns.length > 0) {
    const assume = writePolicy({ mode: 'crud', sts: { 'assume-role': [...roleArns] } }, { dataset });
    statements.push(...assume.policy.Statement);
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The formats `collect policy --fmt` prints. */
export const COLLECTOR_POLICY_FORMATS = ['json', 'yaml', 'terraform', 'terraform-hcl'] as const;
export type CollectorPolicyFormat = (typeof COLLECTOR_POLICY_FORMATS)[number];

/**
 * `{"management": <policy>, "member": <policy>}` in json and yaml (write-policy's layout); terraform:
 * each policy as a JSON string (for `jsondecode` or `policy =`); terraform-hcl: two
 * `aws_iam_policy_document` data sources, `iamwright_collector_management` and `_member`. Split
 * policies (`--max-size`) are lists: of documents, of JSON strings, or data sources suffixed `_1`, `_2`...
 */
export function renderCollectorPolicies(
  policies: CollectorPolicies | SplitCollectorPolicies,
  format: CollectorPolicyFormat,
): string {
  const value = policies as unknown as { management: JsonValue; member: JsonValue };
  const asText = (kind: JsonValue): JsonValue =>
    Array.isArray(kind) ? kind.map((policy) => pythonJsonDumps(policy)) : pythonJsonDumps(kind);
  const list = (kind: PolicyDocument | PolicyDocument[]) => (Array.isArray(kind) ? kind : [kind]);
  switch (format) {
    case 'json':
      return `${pythonJsonDumps(value, 4)}\n`;
    case 'yaml':
      return `${pythonYamlDump(value)}\n`;
    case 'terraform':
      return `${pythonJsonDumps({ management: asText(value.management), member: asText(value.member) })}\n`;
    case 'terraform-hcl':
      return [
        renderTerraformHcl(list(policies.management), 'iamwright_collector_management'),
        renderTerraformHcl(list(policies.member), 'iamwright_collector_member'),
      ].join('\n');
  }
}
