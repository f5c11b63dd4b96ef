import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../context.ts';
import { authRoutes } from './auth.routes.tsx';
import { commentAdminRoutes } from './comments.routes.tsx';
import { dashboardRoutes } from './dashboard.route.tsx';
import { importRoutes } from './import.routes.tsx';
import { articleListRoutes } from './articles/list.route.tsx';
import { relatedRoutes } from './related.route.tsx';
import { authorRoutes } from './authors.routes.tsx';
import { mediaRoutes } from './media.routes.tsx';
import { webhookRoutes } from './webhooks.routes.tsx';
import { readershipRoutes } from './readership.routes.tsx';
import { editorAssetRoutes } from './articles/editor-bundle.ts';
import { editorRoutes } from './articles/editor.routes.tsx';
import { revisionRoutes } from './articles/revisions.routes.tsx';
import { workflowRoutes } from './articles/workflow.routes.tsx';
import { sectionRoutes } from './sections.routes.tsx';
import { tagRoutes } from './tags.routes.tsx';
import { userRoutes } from './users.routes.tsx';

type AdminRoutePlugin = (app: FastifyInstance, options: { deps: HttpDeps }) => Promise<void>;

/** Admin route plugins, registered under `/admin`. Features append theirs when their pages land. */
export const ADMIN_ROUTES: AdminRoutePlugin[] = [
  authRoutes,
  dashboardRoutes,
  importRoutes,
  articleListRoutes,
  relatedRoutes,
  mediaRoutes,
  webhookRoutes,
  readershipRoutes,
  commentAdminRoutes,
  editorRoutes,
  revisionRoutes,
  workflowRoutes,
  editorAssetRoutes,
  sectionRoutes,
  tagRoutes,
  authorRoutes,
  userRoutes,
];

export async function adminRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  // Personal pages: no shared cache may keep them, and no search engine index them.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cache-Control', 'private, no-store');
    reply.header('X-Robots-Tag', 'noindex, nofollow');
  });
  for (const routes of ADMIN_ROUTES) await app.register(routes, { deps });
}
