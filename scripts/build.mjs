#!/usr/bin/env node
// Builds the server that `npm start` runs: src/main.ts and everything it imports as one ES module,
// dist/server.mjs (packages stay in node_modules). Half a second with esbuild, run by `prestart`.
//
// Why a build at all (ARCHITECTURE.md, "Runtime"): on Node 20, a TypeScript loader such as tsx runs
// in a second V8 isolate for the life of the process (module hooks run off the main thread), and
// that isolate and what it holds cost the server about 25 MB of memory — a tenth of the 250 MB a
// site of 100,000 stories has under load. Plain JavaScript needs no loader.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
export const SERVER_BUNDLE = path.join(root, 'dist', 'server.mjs');

/**
 * A module that finds its files next to itself (`import.meta.dirname`, `import.meta.url`: the
 * message catalogues, the public folder, the demo fixtures) must find the same files from the
 * bundle, wherever the project is moved: each use becomes the source file's place, written relative
 * to the bundle's own.
 */
const ownLocation = {
  name: 'own-location',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, async ({ path: file }) => {
      const source = await fs.promises.readFile(file, 'utf8');
      const fromBundle = path.relative(path.dirname(SERVER_BUNDLE), file).split(path.sep).join('/');
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url)`;
      const contents = source.replace(/import\.meta\.(dirname|url)\b/g, (_, what) =>
        what === 'url' ? `${url}.href` : `__ownPath(new URL('.', ${url})).replace(/\\/$/, '')`,
      );
      return { contents, loader: file.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/** Builds dist/server.mjs; written to a temporary file and renamed, so a reader never sees half of it. */
export async function buildServer() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/main.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // As tsx compiles: class and function names stay as written (errors and logs name them).
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [ownLocation],
    banner: { js: "import { fileURLToPath as __ownPath } from 'node:url';" },
  });
  fs.mkdirSync(path.dirname(SERVER_BUNDLE), { recursive: true });
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, file.contents);
    fs.renameSync(temporary, file.path);
  }
  return SERVER_BUNDLE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  await buildServer();
  console.log(
    `Built ${path.relative(root, SERVER_BUNDLE)} in ${Math.round(performance.now() - started)} ms.`,
  );
}
