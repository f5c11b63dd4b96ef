import type { Capability } from '../../auth/roles.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import type { HttpDeps } from '../context.ts';

export interface AdminNavItem {
  key: string;
  label: MessageKey;
  href: string;
  capability: Capability;
  /** A count worth an editor's attention (pending comments, articles in review), shown beside the label. */
  badge?: (deps: HttpDeps) => Promise<number>;
}

/**
 * The admin's navigation. Each feature appends its own entry when its pages land; an entry is shown
 * only to roles whose capability allows it.
 */
export const ADMIN_NAV: AdminNavItem[] = [
  { key: 'dashboard', label: 'admin.nav.dashboard', href: '/admin', capability: 'admin.access' },
  { key: 'articles', label: 'editor.nav', href: '/admin/articles', capability: 'articles.edit.own' },
  { key: 'import', label: 'import.nav', href: '/admin/import', capability: 'import.run' },
  { key: 'media', label: 'media.nav', href: '/admin/media', capability: 'media.upload' },
  { key: 'readership', label: 'readership.nav', href: '/admin/readership', capability: 'articles.review' },
  { key: 'webhooks', label: 'webhooks.nav', href: '/admin/webhooks', capability: 'settings.manage' },
  {
    key: 'comments',
    label: 'comments.admin.nav',
    href: '/admin/comments',
    capability: 'comments.moderate',
    badge: (deps) => deps.comments.pendingCount(),
  },
  { key: 'sections', label: 'taxonomy.sections.nav', href: '/admin/sections', capability: 'taxonomy.manage' },
  { key: 'tags', label: 'taxonomy.tags.nav', href: '/admin/tags', capability: 'taxonomy.manage' },
  { key: 'authors', label: 'taxonomy.authors.nav', href: '/admin/authors', capability: 'taxonomy.manage' },
  { key: 'users', label: 'users.nav', href: '/admin/users', capability: 'users.manage' },
];
