import type { AccessLevel, AccessLevelFlags } from './model.js';

const NONE: AccessLevelFlags = { list: false, read: false, write: false, permissionsManagement: false, tagging: false };

const LABELS: Record<keyof AccessLevelFlags, string> = {
  list: 'List',
  read: 'Read',
  write: 'Write',
  permissionsManagement: 'Permissions management',
  tagging: 'Tagging',
};

const LEVEL_TO_FLAG: Record<AccessLevel, keyof AccessLevelFlags> = {
  read: 'read',
  write: 'write',
  list: 'list',
  tagging: 'tagging',
  'permissions-management': 'permissionsManagement',
};

/**
 * Most sensitive first. An action is selected by exactly one level, the first of these it has,
 * so asking for `write` never grants a permissions-management or tagging action.
 */
const SENSITIVITY: readonly AccessLevel[] = ['permissions-management', 'tagging', 'write', 'list', 'read'];

/** Parses AWS's text (`Read`, `Tagging, Write`, `Permissions management`), case-insensitively. */
export function parseAccessLevelText(text: string): AccessLevelFlags | undefined {
  const flags = { ...NONE };
  for (const part of text.split(',')) {
    const word = part.trim().toLowerCase();
    const entry = Object.entries(LABELS).find(([, label]) => label.toLowerCase() === word);
    if (!entry) return undefined;
    flags[entry[0] as keyof AccessLevelFlags] = true;
  }
  return flags;
}

/** AWS's combined text, labels in alphabetical order (`Tagging, Write`). */
export function formatAccessLevel(flags: AccessLevelFlags): string {
  const labels = (Object.keys(LABELS) as (keyof AccessLevelFlags)[]).filter((k) => flags[k]).map((k) => LABELS[k]);
  return labels.length ? labels.sort().join(', ') : 'Read';
}

/** The one level an action is selected by: its most sensitive flag (Read when no flag is set). */
export function primaryAccessLevel(flags: AccessLevelFlags): AccessLevel {
  for (const level of SENSITIVITY) if (flags[LEVEL_TO_FLAG[level]]) return level;
  return 'read';
}

/** policy_sentry's display name of a level (`Permissions management`). */
export function accessLevelLabel(level: AccessLevel): string {
  return LABELS[LEVEL_TO_FLAG[level]];
}

export function flagsOf(...levels: AccessLevel[]): AccessLevelFlags {
  const flags = { ...NONE };
  for (const level of levels) flags[LEVEL_TO_FLAG[level]] = true;
  return flags;
}

export function isAccessLevel(value: string): value is AccessLevel {
  return value in LEVEL_TO_FLAG;
}
