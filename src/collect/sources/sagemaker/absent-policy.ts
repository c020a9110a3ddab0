import { errorName } from '../../aws/errors.js';

/**
 * SageMaker answers a read of a policy that does not exist, or of a group deleted since the listing,
 * with a plain ValidationException ("Cannot find resource policy for ...", "Cannot find Model Package
 * Group ..."), not a NotFound error: that means absent (undefined), not a failed job.
 */
export async function orAbsentPolicy<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (errorName(error) === 'ValidationException' && /\bCannot find\b/i.test((error as Error).message ?? '')) {
      return undefined;
    }
    throw error;
  }
}
