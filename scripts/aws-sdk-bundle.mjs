// Builds dist/aws-sdk/<client>.cjs: for each AWS SDK client package that src/ imports, the names it
// imports and nothing else. Loading a client package whole costs memory and start-up time out of
// all proportion: @aws-sdk/client-ec2 is 2 MB of code and adds about 60 MB of RSS for the one
// command the collector sends it. Each file holds the client's own code only, tree-shaken by
// esbuild; the packages it shares with other clients (@smithy/*, @aws-sdk/core...) are required
// from node_modules as the client itself would resolve them, so that they are loaded once. The
// older versions that a client pins (its own node_modules) are bundled with it, tree-shaken too:
// loading those copies whole costs several MB each.
//
// The clients' generated schema files write object keys as computed constants (`{ [_xN]: _v }`),
// which esbuild must assume have side effects, so it would keep every schema of the service; a
// plugin turns those keys into the string literals they stand for, which changes nothing at run
// time and lets the unused schemas go.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { build } from 'esbuild';

/** Folder of the client bundles, relative to the CLI bundle. */
export const AWS_SDK_DIR = 'aws-sdk';
const CLIENT_PACKAGE = /^@aws-sdk\/client-[a-z0-9-]+$/;

/** Every `.ts` file under `dir`. */
function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => join(dir, path));
}

/**
 * The value names that src/ imports from each client package (type-only imports are erased by the
 * compiler). Other ways of loading a client would escape its bundle, so they fail the build.
 */
export function clientImportsOf(srcDir) {
  const imports = new Map();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    if (/\b(import|require)\(\s*['"]@aws-sdk\/client-/.test(text)) {
      throw new Error(`${file}: load AWS SDK clients with a static import, so that the client bundle has them`);
    }
    if (/import\s+(\*\s+as\s+\w+|\w+)\s*(,\s*\{[^}]*\}\s*)?from\s+'@aws-sdk\/client-/.test(text)) {
      throw new Error(`${file}: import named values from AWS SDK clients, so that their bundles keep only those`);
    }
    for (const match of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(@aws-sdk\/client-[^']+)'/g)) {
      const [, typeOnly, names, specifier] = match;
      if (typeOnly) continue;
      const wanted = imports.get(specifier) ?? new Set();
      for (const part of names.split(',')) {
        const name = part.trim();
        if (name === '' || name.startsWith('type ')) continue;
        wanted.add(name.split(/\s+as\s+/)[0].trim());
      }
      if (wanted.size > 0) imports.set(specifier, wanted);
    }
  }
  return imports;
}

/** The bundle file of a client package, relative to the CLI bundle's folder. */
export function clientBundlePath(specifier) {
  return `./${AWS_SDK_DIR}/${specifier.slice('@aws-sdk/'.length)}.cjs`;
}

const literalSchemaKeys = {
  name: 'literal-schema-keys',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/][^\\/]+\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const constants = new Map();
      for (const [, name, value] of text.matchAll(/^const (_\w+) = ("(?:[^"\\]|\\.)*");$/gm))
        constants.set(name, value);
      const contents = text.replace(/\[(_\w+)\]:/g, (key, name) =>
        constants.has(name) ? `${constants.get(name)}:` : key,
      );
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Inside one client's bundle, a package is bundled when it is the client or one of the client's
 * own copies (its node_modules: older versions it pins); any other package is shared: required at
 * run time from node_modules, so that it is loaded once for every client.
 */
function sharedPackagesFromClient(specifier, clientRoot) {
  const ownCopies = join(clientRoot, 'node_modules') + sep;
  return {
    name: 'shared-packages-from-client',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData?.resolving) return undefined;
        if (args.path === specifier || args.path.startsWith('node:')) return undefined;
        if (!args.importer.startsWith(clientRoot + sep)) return undefined;
        const resolved = await esbuild.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: { resolving: true },
        });
        if (resolved.errors.length > 0 || resolved.external || resolved.path.startsWith(ownCopies)) return undefined;
        // External: from dist/aws-sdk/, Node finds the same top-level copy the build resolved. (A
        // plain require also spares esbuild's ESM wrapper, a getter per export per client.)
        return { path: args.path, external: true };
      });
    },
  };
}

/** Writes `<outdir>/aws-sdk/<client>.cjs` for every client that `src/` imports. */
export async function buildAwsSdkBundles({ srcDir = 'src', outdir = 'dist' } = {}) {
  const imports = clientImportsOf(srcDir);
  const requireHere = createRequire(join(process.cwd(), 'package.json'));
  await Promise.all(
    [...imports].map(([specifier, names]) => {
      const clientRoot = dirname(requireHere.resolve(`${specifier}/package.json`));
      return build({
        stdin: {
          contents: `export { ${[...names].sort().join(', ')} } from ${JSON.stringify(specifier)};\n`,
          resolveDir: process.cwd(),
          sourcefile: `${specifier}.mjs`,
        },
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        minify: process.env.IAMWRIGHT_BUILD_MINIFY !== '0',
        legalComments: 'none',
        // The ES module build (dist-es), which esbuild can tree-shake.
        mainFields: ['module', 'main'],
        outfile: join(outdir, clientBundlePath(specifier)),
        logLevel: 'warning',
        plugins: [literalSchemaKeys, sharedPackagesFromClient(specifier, clientRoot)],
      });
    }),
  );
  return imports;
}

/**
 * For the CLI bundle: an import of a client package becomes a require of its bundle (external, so
 * that it is read only when `collect` first uses the client).
 */
export const useAwsSdkBundles = {
  name: 'use-aws-sdk-bundles',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^@aws-sdk\/client-/ }, (args) =>
      CLIENT_PACKAGE.test(args.path) ? { path: clientBundlePath(args.path), external: true } : undefined,
    );
  },
};
