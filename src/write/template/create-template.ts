/**
 * The starting templates `create-template` writes: policy_sentry's, with its keys and comments.
 * Every list holds `- ''`, which marks the section as unused, so feeding a template back
 * unchanged yields an empty policy.
 */

export type TemplateType = 'crud' | 'actions';

export const TEMPLATE_TYPES: readonly TemplateType[] = ['crud', 'actions'];

const CRUD_TEMPLATE = `mode: crud
name: ''
# effect: Deny
# Specify resource ARNs
read:
- ''
write:
- ''
list:
- ''
tagging:
- ''
permissions-management:
- ''
# Actions that do not support resource constraints
wildcard-only:
  single-actions: # standalone actions
  - ''
  # Service-wide - like 's3' or 'ec2'
  service-read:
  - ''
  service-write:
  - ''
  service-list:
  - ''
  service-tagging:
  - ''
  service-permissions-management:
  - ''
# Skip resource constraint requirements by listing actions here.
skip-resource-constraints:
- ''
# Exclude actions from the output by specifying them here. Accepts wildcards, like kms:Delete*
exclude-actions:
- ''
# If this policy needs to include an AssumeRole action
sts:
  assume-role:
    - ''
  assume-role-with-saml:
    - ''
  assume-role-with-web-identity:
    - ''
`;

const ACTIONS_TEMPLATE = `mode: actions
name: ''
# effect: Deny
actions:
- ''
`;

export function createTemplate(type: TemplateType): string {
  return type === 'crud' ? CRUD_TEMPLATE : ACTIONS_TEMPLATE;
}
