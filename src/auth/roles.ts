import type { Role } from './auth.tables.ts';

export type { Role };
export const ROLES: readonly Role[] = ['admin', 'editor', 'author', 'contributor'];

/**
 * What each role may do, after WordPress's roles: an admin everything; an editor all articles and
 * moderation; an author their own articles, including publishing them; a contributor their own drafts,
 * submitted for review.
 */
export type Capability =
  | 'admin.access'
  | 'articles.create'
  | 'articles.edit.own'
  | 'articles.edit.any'
  | 'articles.publish.own'
  | 'articles.publish.any'
  | 'articles.review'
  | 'comments.moderate'
  | 'media.upload'
  | 'taxonomy.manage'
  | 'import.run'
  | 'users.manage'
  | 'settings.manage';

const GRANTS: Record<Role, readonly Capability[]> = {
  admin: [
    'admin.access',
    'articles.create',
    'articles.edit.own',
    'articles.edit.any',
    'articles.publish.own',
    'articles.publish.any',
    'articles.review',
    'comments.moderate',
    'media.upload',
    'taxonomy.manage',
    'import.run',
    'users.manage',
    'settings.manage',
  ],
  editor: [
    'admin.access',
    'articles.create',
    'articles.edit.own',
    'articles.edit.any',
    'articles.publish.own',
    'articles.publish.any',
    'articles.review',
    'comments.moderate',
    'media.upload',
    'taxonomy.manage',
    'import.run',
  ],
  author: ['admin.access', 'articles.create', 'articles.edit.own', 'articles.publish.own', 'media.upload'],
  contributor: ['admin.access', 'articles.create', 'articles.edit.own'],
};

export function can(role: Role, capability: Capability): boolean {
  return GRANTS[role].includes(capability);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
