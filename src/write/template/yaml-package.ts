import { createRequire } from 'node:module';

type YamlPackage = typeof import('yaml');
let loaded: YamlPackage | undefined;

/**
 * The `yaml` package, loaded on first call rather than imported: a template read that js-yaml
 * handles never initialises it. The bundles (esbuild) turn `require('yaml')` into a lazy
 * module init; ES modules run from source (tsx, in tests) have no `require`, so Node loads it.
 */
export function yamlPackage(): YamlPackage {
  loaded ??=
    typeof require === 'function'
      ? (require('yaml') as YamlPackage)
      : (createRequire(import.meta.url)('yaml') as YamlPackage);
  return loaded;
}
