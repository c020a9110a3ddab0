import packageJson from '../../../package.json' with { type: 'json' };

/** The iamwright version recorded in run summaries. */
export const VERSION: string = packageJson.version;
