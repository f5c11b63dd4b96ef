import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AppError, isAppError, TooManyRequestsError } from '../shared/errors.ts';
import { ErrorPage } from '../views/pages/error.page.tsx';
import type { HttpDeps } from './context.ts';
import { Presenter } from './public/presenters.ts';
import { sendPage } from './public/reply.ts';

/** Sentences for the errors Fastify raises itself before a route runs. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'What you sent is larger than this address accepts.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This address does not accept that kind of content.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request said it carried JSON but its body was empty.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The request’s length header does not match its body.',
  FST_ERR_BAD_URL: 'The address is not valid.',
  FST_ERR_ASYNC_CONSTRAINT: 'The request could not be matched to a page.',
  FST_CSRF_INVALID_TOKEN:
    'The form had expired or came from another site. Please reload the page and try again.',
  FST_CSRF_MISSING_SECRET: 'The form had expired. Please reload the page and try again.',
};

interface PublicError {
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
}

function toPublicError(error: unknown): PublicError | undefined {
  if (isAppError(error))
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      fields: { ...(error as AppError).fields },
    };
  const fastifyError = error as FastifyError;
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (fastifyError.validation) {
      const first = fastifyError.validation[0];
      const field = String(first?.instancePath || first?.params?.missingProperty || '').replace(/^\//, '');
      const where = fastifyError.validationContext ?? 'request';
      return {
        status: 400,
        code: 'bad_request',
        message: `The ${where} is not valid: ${field ? `“${field}” ` : ''}${first?.message ?? 'it does not match what this address expects'}.`,
        fields: field ? { [field]: first?.message ?? 'not valid' } : {},
      };
    }
    const message =
      FRAMEWORK_MESSAGES[fastifyError.code] ??
      (status === 404 ? 'There is nothing at this address.' : 'The request could not be understood.');
    return { status, code: fastifyError.code?.toLowerCase() ?? 'bad_request', message, fields: {} };
  }
  return undefined;
}

/** Whether the client wants JSON: API routes always, others when they ask for it over HTML. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** The language a URL is in, from its prefix, for error pages that must speak the reader's language. */
function languageOf(url: string, deps: HttpDeps): string {
  const first = url.split(/[/?#]/)[1] ?? '';
  return deps.config.languages.includes(first) ? first : deps.config.defaultLanguage;
}

async function sendError(request: FastifyRequest, reply: FastifyReply, deps: HttpDeps, error: PublicError) {
  reply.header('Cache-Control', 'no-store');
  if (wantsJson(request) || request.method === 'HEAD') {
    return reply
      .status(error.status)
      .send({ error: { code: error.code, message: error.message, fields: error.fields } });
  }
  const present = new Presenter(deps, languageOf(request.url, deps));
  const { t } = present.i18n;
  let sections: Awaited<ReturnType<HttpDeps['taxonomy']['listSections']>> = [];
  try {
    sections = await deps.taxonomy.listSections();
  } catch {
    // The error page must render even when the database is what failed.
  }
  const title =
    error.status === 404
      ? t('error.notFoundTitle')
      : error.status >= 500
        ? t('error.serverTitle')
        : t('error.badRequestTitle');
  const message =
    error.status === 404 && error.message === 'There is nothing at this address.'
      ? t('error.notFoundText')
      : error.message;
  const meta = present.meta(request.url.split('?')[0] ?? '/', {
    title: `${title} — ${deps.config.siteName}`,
    description: message,
    noindex: true,
  });
  return sendPage(
    reply,
    present.context({ sections }),
    <ErrorPage model={{ meta, status: error.status, title, message }} />,
    {
      status: error.status,
    },
  );
}

/** One mapping from errors to answers: 4xx with the sentence as written, 5xx logged and hidden. */
export function registerErrorHandling(app: FastifyInstance, deps: HttpDeps): void {
  app.setErrorHandler(async (error, request, reply) => {
    const known = toPublicError(error);
    if (known) {
      if (error instanceof TooManyRequestsError) reply.header('Retry-After', String(error.retryAfterSeconds));
      return sendError(request, reply, deps, known);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, deps, {
      status: 500,
      code: 'internal',
      message:
        deps.translators.get(languageOf(request.url, deps))?.t('error.serverText') ?? 'Something went wrong.',
      fields: {},
    });
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendError(request, reply, deps, {
      status: 404,
      code: 'not_found',
      message: 'There is nothing at this address.',
      fields: {},
    }),
  );
}
