/**
 * iamwright as a library: named exports only. Each section belongs to one area of src/.
 */

// query: policy_sentry-compatible tables of actions, ARNs, condition keys and services (docs/query.md)
export { type ActionRow, actionData, actionRows } from './query/rows.js';
export {
  type ActionTableOptions,
  actionsWithAccessLevel,
  actionsWithConditionKey,
  actionsWithResourceType,
  queryActionTable,
  serviceActions,
  servicePrefixes,
  wildcardOnlyActions,
} from './query/action-table.js';
export { type ArnTableOptions, type ArnTypeDetails, queryArnTable } from './query/arn-table.js';
export {
  type ConditionKeyDetails,
  type ConditionTableOptions,
  conditionKeyMatches,
  queryConditionTable,
} from './query/condition-table.js';
export { type ServiceTableRow, queryServiceTable } from './query/service-table.js';
export { resolveService } from './query/service-lookup.js';
export type { QueryResult } from './query/result.js';
export { type QueryFormat, renderQueryValue } from './query/render.js';

// validate: lint IAM policies (docs/validate.md)
export { type Finding, type Severity, SEVERITIES } from './validate/findings.js';
export { validatePolicy, validatePolicyText } from './validate/validate-policy.js';
export { type Rule, allRules } from './validate/rules.js';
export { ESCALATION_METHODS, type EscalationMethod } from './validate/privilege-escalation.js';
export {
  type FileFindings,
  type ValidateFormat,
  renderJson as renderFindingsJson,
  renderSarif as renderFindingsSarif,
  renderText as renderFindingsText,
} from './validate/render.js';

// expand: wildcards and NotAction -> concrete actions with access levels (docs/expand.md)
export {
  type ExpandOptions,
  type ExpandWarning,
  type ExpandedPolicy,
  type NotActionMode,
  PolicyShapeError,
  expandPolicy,
} from './expand/expand-policy.js';
export { type ExpandFormat, renderExpanded } from './expand/render.js';

// data: the IAM database model and datasets (docs/data.md)
export type {
  AccessLevel,
  AccessLevelFlags,
  Action,
  ActionResourceType,
  ActionSummary,
  ConditionKey,
  Dataset,
  DatasetCounts,
  Provenance,
  ResourceType,
  Service,
  ServiceInfo,
} from './data/model.js';
export { ACCESS_LEVELS } from './data/model.js';
export { formatAccessLevel, parseAccessLevelText, primaryAccessLevel } from './data/access-level.js';
export { activeDataset, bundledDataset, loadDataset, loadDatasetAt } from './data/load.js';

// arn: parsing and policy_sentry's ARN-format matching
export { type ArnParts, isArn, parseArn } from './arn/arn.js';
export { doesArnMatch } from './arn/match.js';

// write: least-privilege policies from templates (docs/templates.md, docs/beyond-policy-sentry.md)
export {
  type ResourcePlaceholder,
  type WritePolicyOptions,
  type WritePolicyResult,
  writePolicy,
  writePolicyFromTemplate,
} from './write/write-policy.js';
export type {
  ActionsTemplate,
  ArnEntry,
  ConditionSpec,
  CrudTemplate,
  Template,
  TemplateWarning,
} from './write/template/types.js';
export { type ParsedTemplate, parseTemplate } from './write/template/parse.js';
export { validateTemplate } from './write/template/validate.js';
export { createTemplate, type TemplateType } from './write/template/create-template.js';

// policy: the document model, compaction, size limits and renderers
export type { PolicyDocument, PolicyStatement } from './policy/document.js';
export { minimizeActions } from './policy/minimize.js';
export { shrinkActions } from './policy/shrink.js';
export { POLICY_SIZE_LIMITS, type PolicyKind, policySize, splitPolicy } from './policy/size.js';
export { type OutputFormat, OUTPUT_FORMATS, renderPolicies, renderPolicy } from './policy/render.js';
