import { parseArn } from './arn.js';

/**
 * Whether a user's ARN belongs to the resource type with the given ARN format, by policy_sentry's
 * rules (spec §4), which we keep for compatibility:
 * - partition, region and account are never compared; the service must be equal;
 * - a `*` resource type (`*:*`, or `*` then a slash) matches every resource type of the service;
 * - each literal segment of the format must appear in the ARN, and at its own position
 *   (or that position is `*`);
 * - S3 buckets/objects, CodeCommit repositories and DynamoDB tables are told apart by their `/`s.
 * The format is compiled once (see {@link compileArnFormat}) because the same formats are
 * matched against many ARNs.
 */
export interface CompiledArnFormat {
  readonly format: string;
  readonly service: string;
  /** Literal segments by position; `undefined` marks a `${Placeholder}`. */
  readonly segments: readonly (string | undefined)[];
  /** The literals, lower-cased, each of which must appear among the ARN's segments. */
  readonly requiredLiterals: readonly string[];
  readonly special: 'same-depth' | 'slash-agrees' | undefined;
  /** Number of `/`-separated parts of the format's resource string. */
  readonly slashParts: number;
  readonly hasSlash: boolean;
}

const SEGMENT_SPLIT = /[:/]/;
const SAME_DEPTH_FORMATS = new Set(['${BucketName}', 'table/${TableName}']);
const SLASH_AGREES_FORMATS = new Set(['${BucketName}/${ObjectName}', '${ObjectName}', '${RepositoryName}']);

export function compileArnFormat(format: string): CompiledArnFormat | undefined {
  if (format === '*') return undefined;
  const fields = format.split(':');
  const service = fields[2] ?? '';
  const resourceString = fields.slice(5).join(':');
  const segments = resourceString.split(SEGMENT_SPLIT).map((s) => (s.includes('${') ? undefined : s));
  const afterFifthColon = splitLimit(format, ':', 6)[5] ?? '';
  return {
    format,
    service,
    segments,
    requiredLiterals: segments.filter((s): s is string => s !== undefined && s !== '').map((s) => s.toLowerCase()),
    special: SAME_DEPTH_FORMATS.has(afterFifthColon)
      ? 'same-depth'
      : SLASH_AGREES_FORMATS.has(afterFifthColon)
        ? 'slash-agrees'
        : undefined,
    slashParts: afterFifthColon.split('/').length,
    hasSlash: afterFifthColon.includes('/'),
  };
}

/** A parsed user ARN, ready to be matched against many formats. */
export interface ArnUnderTest {
  readonly service: string;
  readonly resourceString: string;
  readonly segments: readonly string[];
  readonly lowerSegments: ReadonlySet<string>;
  /** A resource type of `*`: any resource type of the service. */
  readonly anyResourceType: boolean;
}

export function prepareArn(arn: string): ArnUnderTest {
  const parts = parseArn(arn);
  const segments = parts.resourceString.split(SEGMENT_SPLIT);
  return {
    service: parts.service,
    resourceString: parts.resourceString,
    segments,
    lowerSegments: new Set(segments.map((s) => s.toLowerCase())),
    anyResourceType: segments.length > 1 && segments[0] === '*',
  };
}

export function matchesFormat(arn: ArnUnderTest, format: CompiledArnFormat | undefined): boolean {
  if (!format) return false;
  if (arn.service !== format.service) return false;
  if (arn.anyResourceType) return true;
  for (const literal of format.requiredLiterals) if (!arn.lowerSegments.has(literal)) return false;
  for (let i = 0; i < format.segments.length; i++) {
    const literal = format.segments[i];
    if (literal === undefined || literal === '') continue;
    const segment = arn.segments[i];
    // policy_sentry crashes when the ARN is shorter than the format here; we call it no match.
    if (segment === undefined) return false;
    if (segment !== literal && segment !== '*') return false;
  }
  if (format.special === 'same-depth') return arn.resourceString.split('/').length === format.slashParts;
  if (format.special === 'slash-agrees') return arn.resourceString.includes('/') === format.hasSlash;
  return true;
}

/** Convenience for one-off checks: does `arn` have the resource type described by `format`? */
export function doesArnMatch(arn: string, format: string): boolean {
  return matchesFormat(prepareArn(arn), compileArnFormat(format));
}

function splitLimit(text: string, separator: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < limit - 1) {
    const at = rest.indexOf(separator);
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + separator.length);
  }
  parts.push(rest);
  return parts;
}
