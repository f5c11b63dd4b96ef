import type { FastifyReply } from 'fastify';
import { isAppError, NotFoundError } from '../../shared/errors.ts';
import type { Notice } from '../../views/admin/models.ts';
import type { HttpDeps } from '../context.ts';
import { sayError, sayFieldErrors } from './say-error.ts';

/** Why a form was refused: each field's reason and the sentence at the top, in the admin's language. */
export interface Refusal {
  errors: Record<string, string>;
  notice: Notice;
}

/**
 * The one shape of every management form: run the change and go (303) where `save` says; if it is
 * refused (an AppError: bad input, a taken address, a missing record), show the form again with what
 * was typed and why, in the refusal's status. Anything else is a bug and goes to the error handler.
 */
export async function saveOrShowAgain(
  deps: HttpDeps,
  reply: FastifyReply,
  save: () => Promise<string>,
  showAgain: (refusal: Refusal, status: number) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return reply.redirect(await save(), 303);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const text = sayError(deps, error);
    return showAgain({ errors: sayFieldErrors(deps, error), notice: { kind: 'error', text } }, error.status);
  }
}

/** Translations are only for the site's other languages: anything else is not a page that exists. */
export function assertLanguage(languages: readonly string[], language: string): void {
  if (!languages.includes(language))
    throw new NotFoundError('The site does not publish in that language.').say('taxonomy.error.language');
}
