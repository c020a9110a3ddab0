/**
 * Assembly helpers for sources that read several fields per resource with `readResourceField`
 * (policy-fields.ts) into a FieldCollector (fields.ts).
 */
import type { FieldCollector, FieldResult } from './fields.js';
import type { SourceResult } from './types.js';

/** The resources and their recorded gaps, as a source returns them. */
export function recordsResult(records: readonly FieldCollector[]): SourceResult {
  return {
    resources: records.map((f) => ({ arn: f.arn, files: f.files, ...(f.keep.length > 0 ? { keep: f.keep } : {}) })),
    issues: records.flatMap((f) => f.issues),
  };
}

/**
 * Records a gap in a value that is part of another file (a metadata attribute such as a bucket's
 * `abacEnabled`): that file is still written, without the value, and the gap named in the summary.
 */
export function noteGap(fields: FieldCollector, field: string, result: FieldResult<unknown>): void {
  if (result.state === 'denied' || result.state === 'failed') {
    fields.issues.push({ kind: result.state, arn: fields.arn, field, message: result.message });
  }
}
