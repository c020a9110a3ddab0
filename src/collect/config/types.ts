/**
 * The collector configuration: iam-collect's keys (an existing `iam-collect.jsonc` works unchanged)
 * plus iamwright's additions (`accounts: "organization"`, OU filters, `endpoint`, `concurrency`).
 */

/** Include and exclude lists; an absent include list means "everything". */
export interface Filter {
  included?: string[];
  excluded?: string[];
}

/** Assume a role by full ARN, or by path and name in the base credentials' own account. */
export interface InitialRoleConfig {
  arn?: string;
  pathAndName?: string;
  externalId?: string;
  sessionName?: string;
}

/** The role to assume in each target account: `arn:<partition>:iam::<account>:role<pathAndName>`. */
export interface RoleConfig {
  pathAndName?: string;
  externalId?: string;
  sessionName?: string;
}

export interface AuthConfig {
  /** A profile from the shared config files; absent = the default credential chain. */
  profile?: string;
  /** Assumed once from the base credentials; `null` removes one set at a lower level. */
  initialRole?: InitialRoleConfig | null;
  role?: RoleConfig;
}

export type StorageConfig =
  | { type: 'file'; path: string }
  | { type: 's3'; bucket: string; prefix?: string; region?: string; endpoint?: string; auth?: AuthConfig };

export interface OrganizationAccountsConfig {
  /** The account to list the organization from (management or delegated admin); default: the caller's own. */
  accountId?: string;
  /** OU (or root) ids: an account is kept when it sits under an included OU and under no excluded one. */
  ous?: Filter;
}

export interface AccountsConfig {
  included?: string[];
  excluded?: string[];
  organization?: OrganizationAccountsConfig;
}

export interface SyncConfig {
  regions?: Filter;
  custom?: Record<string, unknown>;
  auth?: AuthConfig;
}

export interface RegionConfig {
  auth?: AuthConfig;
  endpoint?: string;
}

export interface ServiceConfig {
  auth?: AuthConfig;
  endpoint?: string;
  regions?: Filter;
  regionConfigs?: Record<string, RegionConfig>;
  syncConfigs?: Record<string, SyncConfig>;
}

export interface AccountConfig {
  auth?: AuthConfig;
  regions?: Filter;
  services?: Filter;
  serviceConfigs?: Record<string, ServiceConfig>;
}

/** One configuration file as written (after validation; `accounts: "organization"` is normalised). */
export interface ConfigFile {
  name?: string;
  iamCollectVersion?: string;
  iamwrightVersion?: string;
  storage?: StorageConfig;
  dataSource?: { name: 'aws-sdk' };
  accounts?: AccountsConfig;
  regions?: Filter;
  services?: Filter;
  auth?: AuthConfig;
  /** An endpoint for every AWS client (iamwright; iam-collect ignores its endpoint settings). */
  endpoint?: string;
  concurrency?: number;
  accountConfigs?: Record<string, AccountConfig>;
  serviceConfigs?: Record<string, ServiceConfig>;
}

/** Files applied in order: later files win for single values, filters apply cumulatively. */
export interface ConfigLayer {
  file: string;
  config: ConfigFile;
}
