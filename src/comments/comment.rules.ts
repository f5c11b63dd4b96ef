import crypto from 'node:crypto';
import { COMMENT_MAX_LENGTH, countLinks, normaliseCommentText } from './comment-text.ts';
import type { MessageRef } from '../shared/errors.ts';

/** What a reader sends: every field as typed (the form comes back with exactly this when refused). */
export interface CommentDraft {
  body: string;
  name: string;
  email: string;
  website: string;
  /** The comment this one answers, if any. */
  parentId: number | null;
}

export interface CleanDraft {
  body: string;
  name: string;
  /** Lowercased. */
  email: string;
  website: string | null;
  parentId: number | null;
}

export const NAME_MAX_LENGTH = 80;
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;

/** Reads a draft from form fields or JSON: strings trimmed to sane sizes, nothing else assumed. */
export function draftFrom(input: Record<string, unknown>): CommentDraft {
  const str = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
  const parent = Number(input.parentId ?? input.parent_id);
  return {
    body: str(input.body ?? input.comment, COMMENT_MAX_LENGTH * 2),
    name: str(input.name, NAME_MAX_LENGTH * 2),
    email: str(input.email, 320),
    website: str(input.website, 600),
    parentId: Number.isInteger(parent) && parent > 0 ? parent : null,
  };
}

/** Checks a draft; returns the clean values, or the reason per field (catalogue messages). */
export function checkDraft(
  draft: CommentDraft,
): { ok: true; value: CleanDraft } | { ok: false; fields: Record<string, MessageRef> } {
  const fields: Record<string, MessageRef> = {};
  const body = normaliseCommentText(draft.body);
  if (!body) fields.body = { key: 'comments.error.bodyEmpty' };
  else if (body.length > COMMENT_MAX_LENGTH)
    fields.body = {
      key: 'comments.error.bodyTooLong',
      values: { max: COMMENT_MAX_LENGTH, length: body.length },
    };
  const name = draft.name.replace(/\s+/g, ' ').trim();
  if (!name) fields.name = { key: 'comments.error.nameEmpty' };
  else if (name.length > NAME_MAX_LENGTH)
    fields.name = { key: 'comments.error.nameTooLong', values: { max: NAME_MAX_LENGTH } };
  const email = draft.email.trim().toLowerCase();
  if (!email) fields.email = { key: 'comments.error.emailEmpty' };
  else if (email.length > 254 || !EMAIL.test(email)) fields.email = { key: 'comments.error.emailInvalid' };
  let website: string | null = null;
  const site = draft.website.trim();
  if (site) {
    const withScheme = /^https?:\/\//i.test(site) ? site : `https://${site}`;
    try {
      const url = new URL(withScheme);
      if (!url.hostname.includes('.') || site.length > 300 || url.username || url.password)
        throw new Error('not a web address');
      website = url.href;
    } catch {
      fields.website = { key: 'comments.error.websiteInvalid' };
    }
  }
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, value: { body, name, email, website, parentId: draft.parentId } };
}

/** The same text however it was spaced or capitalised. */
export function fingerprintOf(body: string): string {
  const normal = body.toLowerCase().replace(/\s+/g, ' ').trim();
  return crypto.createHash('sha256').update(normal).digest('hex');
}

export type HeldReason = 'links' | 'blocked-word' | 'repeat' | 'first-time';

export interface ModerationPolicy {
  /** More links than this holds a comment. */
  maxLinks: number;
  /** Lowercased words or phrases; a comment containing one is held. */
  blockedWords: readonly string[];
}

/**
 * Why a comment must wait for an editor, or null to publish it at once. What the text says comes
 * first (so the queue shows the most useful reason), then WordPress's rule: a first-time commenter
 * waits until an editor approved one of their comments.
 */
export function holdReason(
  draft: CleanDraft,
  facts: { approvedBefore: boolean; repeat: boolean },
  policy: ModerationPolicy,
): HeldReason | null {
  if (countLinks(draft.body) > policy.maxLinks) return 'links';
  const haystack = ` ${`${draft.body} ${draft.name} ${draft.email} ${draft.website ?? ''}`.toLowerCase()} `;
  if (policy.blockedWords.some((word) => containsWord(haystack, word))) return 'blocked-word';
  if (facts.repeat) return 'repeat';
  if (!facts.approvedBefore) return 'first-time';
  return null;
}

function containsWord(haystack: string, word: string): boolean {
  if (!word) return false;
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(haystack);
}
