import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../i18n/i18n.ts';
import { type AppError, isAppError, type MessageRef, TooManyRequestsError } from '../shared/errors.ts';
import { ErrorPage } from '../views/pages/error.page.tsx';
import type { HttpDeps } from './context.ts';
import { isMalformedMultipart } from './multipart.ts';
import { Presenter } from './public/presenters.ts';
import { sendPage } from './public/reply.ts';

/** Sentences (catalogue messages) for the errors Fastify raises itself before a route runs. */
const FRAMEWORK_MESSAGES: Record<string, MessageKey> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'error.framework.tooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'error.framework.mediaType',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'error.framework.emptyJson',
  FST_ERR_CTP_INVALID_JSON_BODY: 'error.framework.invalidJson',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'error.framework.contentLength',
  FST_ERR_BAD_URL: 'error.framework.badUrl',
  FST_ERR_MAX_PARAM_LENGTH: 'error.framework.tooLong',
  FST_ERR_ASYNC_CONSTRAINT: 'error.framework.noMatch',
  FST_CSRF_INVALID_TOKEN: 'error.framework.csrfInvalid',
  FST_CSRF_MISSING_SECRET: 'error.framework.csrfMissing',
};

interface PublicError {
  status: number;
  code: string;
  /** The sentence in the default language: what the JSON API answers and the log keeps. */
  message: string;
  /** The same sentence as a catalogue message, for pages in the reader's language. */
  text?: MessageRef;
  fieldTexts?: Readonly<Record<string, MessageRef>>;
  fields: Record<string, string>;
}

function toPublicError(error: unknown, deps: HttpDeps): PublicError | undefined {
  if (isAppError(error))
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      text: error.text,
      fieldTexts: error.fieldTexts,
      fields: { ...(error as AppError).fields },
    };
  if (isMalformedMultipart(error)) {
    const english = deps.translators.get(deps.config.defaultLanguage);
    const key: MessageKey = 'error.framework.badMultipart';
    return { status: 400, code: 'bad_multipart', message: english?.t(key) ?? key, text: { key }, fields: {} };
  }
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
    const key: MessageKey =
      FRAMEWORK_MESSAGES[fastifyError.code] ??
      (status === 404 ? 'error.notFoundText' : 'error.framework.notUnderstood');
    const english = deps.translators.get(deps.config.defaultLanguage);
    return {
      status,
      code: fastifyError.code?.toLowerCase() ?? 'bad_request',
      message: english?.t(key) ?? key,
      text: { key },
      fields: {},
    };
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
export function languageOf(url: string, deps: HttpDeps): string {
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
    sections = await deps.taxonomy.listSections(present.lang);
  } catch {
    // The error page must render even when the database is what failed.
  }
  const title =
    error.status === 404
      ? t('error.notFoundTitle')
      : error.status >= 500
        ? t('error.serverTitle')
        : t('error.badRequestTitle');
  const message = present.errorMessage(error);
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

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route or hook runs (an address that
 * is not valid percent-encoding, a parameter past `maxParamLength`). Without it Fastify answers with
 * its own developer JSON and none of our headers; with it the person gets the site's error page (or
 * our JSON), with the security headers, which no hook adds on this path.
 */
export function frameworkErrorHandler(
  deps: HttpDeps,
  addHeaders: (request: FastifyRequest, reply: FastifyReply) => void,
) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    addHeaders(request, reply);
    const known = toPublicError(error, deps);
    if (known) return sendError(request, reply, deps, known);
    request.log.error({ err: error }, 'request failed in the router');
    return reply.status(500).send();
  };
}

/** One mapping from errors to answers: 4xx with the sentence as written, 5xx logged and hidden. */
export function registerErrorHandling(app: FastifyInstance, deps: HttpDeps): void {
  app.setErrorHandler(async (error, request, reply) => {
    const known = toPublicError(error, deps);
    if (known) {
      if (error instanceof TooManyRequestsError) reply.header('Retry-After', String(error.retryAfterSeconds));
      return sendError(request, reply, deps, known);
    }
    request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, deps, {
      status: 500,
      code: 'internal',
      message:
        deps.translators.get(deps.config.defaultLanguage)?.t('error.serverText') ?? 'Something went wrong.',
      text: { key: 'error.serverText' },
      fields: {},
    });
  });

  app.setNotFoundHandler(async (request, reply) =>
    sendError(request, reply, deps, {
      status: 404,
      code: 'not_found',
      message: 'There is nothing at this address.',
      text: { key: 'error.notFoundText' },
      fields: {},
    }),
  );
}
