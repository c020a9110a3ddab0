const NON_ALPHANUMERIC = /[^A-Za-z0-9]+/g;

/** Upper-case first letter, lower-case rest, per word (policy_sentry's `capitalize_first_character`). */
function capitalize(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0]!.toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
}

/**
 * policy_sentry's statement id: `{Service}{Level}{Resourcetype}` with non-alphanumerics removed,
 * e.g. `S3ReadBucket`, `SecretsmanagerPermissionsmanagementSecret`.
 */
export function sidName(service: string, level: string, resourceType: string): string {
  return [service, level, resourceType].map((part) => capitalize(part.replace(NON_ALPHANUMERIC, ''))).join('');
}

/** The level as policy_sentry names it in SIDs (`Permissions management`). */
export const SID_LEVEL_LABEL = {
  read: 'Read',
  write: 'Write',
  list: 'List',
  tagging: 'Tagging',
  'permissions-management': 'Permissions management',
} as const;
