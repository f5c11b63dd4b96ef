import { can, type Role } from '../auth/roles.ts';
import type { ArticleStatus } from '../content/types.ts';

/** What a person does with the editor's buttons. */
export type EditorAction = 'save' | 'submit' | 'publish' | 'schedule' | 'return' | 'unpublish';

export const EDITOR_ACTIONS: readonly EditorAction[] = [
  'save',
  'submit',
  'publish',
  'schedule',
  'return',
  'unpublish',
];

export interface Actor {
  role: Role;
}

/**
 * May this person open and save this story at all? Editors and admins: every story. Authors: their own.
 * Contributors: their own while it is a draft or in review — once published, it is the editors'.
 */
export function mayEdit(actor: Actor, own: boolean, status: ArticleStatus): boolean {
  if (can(actor.role, 'articles.edit.any')) return true;
  if (!own || !can(actor.role, 'articles.edit.own')) return false;
  if (can(actor.role, 'articles.publish.own')) return true;
  return status === 'draft' || status === 'review' || status === 'unpublished';
}

/** May this person put this story in front of readers (publish, schedule, unpublish)? */
export function mayPublish(actor: Actor, own: boolean): boolean {
  return can(actor.role, 'articles.publish.any') || (own && can(actor.role, 'articles.publish.own'));
}

/**
 * The buttons this person gets for a story in this state (draft → in review → scheduled or published →
 * updated → unpublished). A contributor submits for review; an editor approves (publishes or schedules)
 * or returns it with a note; whoever may publish can also unpublish.
 */
export function allowedActions(actor: Actor, own: boolean, status: ArticleStatus): EditorAction[] {
  if (!mayEdit(actor, own, status)) return [];
  const actions: EditorAction[] = ['save'];
  const publisher = mayPublish(actor, own);
  if (!publisher && (status === 'draft' || status === 'unpublished')) actions.push('submit');
  if (publisher && status !== 'published') actions.push('publish', 'schedule');
  if (status === 'review' && can(actor.role, 'articles.review')) actions.push('return');
  if (publisher && (status === 'published' || status === 'scheduled')) actions.push('unpublish');
  return actions;
}

/** The status a story has after an action from `status`. */
export function statusAfter(action: EditorAction, status: ArticleStatus): ArticleStatus {
  switch (action) {
    case 'save':
      return status;
    case 'submit':
      return 'review';
    case 'publish':
      return 'published';
    case 'schedule':
      return 'scheduled';
    case 'return':
      return 'draft';
    case 'unpublish':
      return 'unpublished';
  }
}
