import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../data/load.js';

/** The package version: package.json is one or two folders up from dist/*.js, dist/chunks/*.js or src/cli/*.ts. */
function packageVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8'));
      if (pkg?.name === 'iamwright' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // Not at this level.
    }
  }
  return 'unknown';
}

/** `iamwright <version>` and the active dataset's source and date. */
export function printVersion(dataPath?: string): void {
  process.stdout.write(`iamwright ${packageVersion()}\n`);
  const { provenance } = loadDataset(dataPath);
  process.stdout.write(`dataset: ${provenance.source} ${provenance.date}\n`);
}
