import crypto from 'node:crypto';
import path from 'node:path';
import { build } from 'esbuild';
import type { FastifyInstance } from 'fastify';

const ENTRY = path.resolve(import.meta.dirname, '../../../client/editor/main.ts');
export const EDITOR_SCRIPT_PATH = '/admin/assets/editor.js';

let bundle: Promise<{ code: Buffer; hash: string }> | undefined;

/**
 * The editor's browser code (ProseMirror and autosave, src/client/editor), bundled by esbuild once per
 * process on first use: no build step, so `npm install && npm start` is enough. The address carries the
 * bundle's hash, so browsers may keep it forever.
 */
function editorBundle() {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'silent',
  }).then((result) => {
    const code = Buffer.from(result.outputFiles[0]!.contents);
    return { code, hash: crypto.createHash('sha256').update(code).digest('hex').slice(0, 12) };
  });
  bundle.catch(() => {
    bundle = undefined;
  });
  return bundle;
}

export async function editorScriptHref(): Promise<string> {
  return `${EDITOR_SCRIPT_PATH}?v=${(await editorBundle()).hash}`;
}

/** Serves the bundle (public: it holds no data, only code). */
export async function editorAssetRoutes(app: FastifyInstance) {
  app.get(
    '/assets/editor.js',
    {
      // After the admin's own "private, no-store": the bundle is the same for everyone, named by its hash.
      onSend: async (_request, reply) => {
        reply.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    },
    async (_request, reply) => {
      const { code } = await editorBundle();
      return reply.type('text/javascript; charset=utf-8').send(code);
    },
  );
}
