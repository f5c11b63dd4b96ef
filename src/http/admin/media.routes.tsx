import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MediaItem, MediaTexts } from '../../media/media.service.ts';
import { uploadTooLarge } from '../../media/media.service.ts';
import { type AppError, isAppError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import {
  type MediaCardModel,
  MediaEditPage,
  MediaLibraryPage,
  type MediaTextsForm,
} from '../../views/admin/media.page.tsx';
import type { Notice } from '../../views/admin/models.ts';
import type { HttpDeps } from '../context.ts';
import type { Presenter } from '../public/presenters.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { sayError, sayFieldErrors } from './say-error.ts';
import { requireCapability } from './session.ts';

const PAGE_SIZE = 36;

interface UploadedFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

interface TextsBody {
  alt?: unknown;
  caption?: unknown;
  credit?: unknown;
}

/**
 * The media library (`/admin/media`) and its JSON interface for the article editor:
 *
 * - `POST /admin/media` (multipart: `file`, `alt`, `caption`, `credit`, `_csrf` or an `x-csrf-token`
 *   header) stores an image. Asked with `Accept: application/json` it answers `201` with the item
 *   (`mediaJson`), or the refusal `{ error, fields }` with its 4xx status; from the HTML form it
 *   goes to the new image's page, or shows the form again with what was typed and the reason.
 * - `GET /admin/media.json?q=&limit=&offset=` lists images newest first, searched by alt, caption,
 *   credit and file name: `{ total, items: [mediaJson…] }`.
 */
export async function mediaRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  const maxBytes = deps.config.media.maxUploadBytes;
  const maxMb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes, files: 1, fields: 8, fieldSize: 16 * 1024 },
    async onFile(part) {
      const data = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = {
        filename: part.filename,
        data,
        truncated: part.file.truncated,
      };
    },
  });
  const guard = requireCapability('media.upload');

  async function libraryPage(
    request: FastifyRequest,
    reply: FastifyReply,
    parts: { upload?: MediaTextsForm; notice?: Notice | null },
    status = 200,
  ) {
    const query = request.query as { q?: unknown; page?: unknown };
    const q = typeof query.q === 'string' ? query.q.slice(0, 200) : '';
    const pageNumber = Math.max(1, Math.min(10_000, Number.parseInt(String(query.page ?? '1'), 10) || 1));
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'media');
    const { total, items } = await deps.media.search({
      query: q,
      limit: PAGE_SIZE,
      offset: (pageNumber - 1) * PAGE_SIZE,
    });
    const href = (n: number) =>
      `/admin/media?${new URLSearchParams({ ...(q ? { q } : {}), page: String(n) })}`;
    return sendAdminPage(
      reply,
      context,
      <MediaLibraryPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          query: q,
          total,
          items: items.map((item) => card(presenter, item)),
          prevHref: pageNumber > 1 ? href(pageNumber - 1) : null,
          nextHref: pageNumber * PAGE_SIZE < total ? href(pageNumber + 1) : null,
          upload: parts.upload ?? emptyTexts(),
          maxUploadMb: maxMb,
        }}
      />,
      status,
    );
  }

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    item: MediaItem,
    parts: { form?: MediaTextsForm; notice?: Notice | null },
    status = 200,
  ) {
    const { context, chrome, presenter } = await adminContext(request, reply, deps, 'media');
    return sendAdminPage(
      reply,
      context,
      <MediaEditPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          id: item.id,
          image: presenter.image(leadImageOf(item)),
          url: item.url,
          originalName: item.originalName,
          width: item.width,
          height: item.height,
          bytes: item.bytes,
          createdAt: item.createdAt,
          variants: item.variants.map((v) => ({
            url: v.url,
            label: `${v.type.replace('image/', '').toUpperCase()} ${v.width}w`,
          })),
          form: parts.form ?? {
            alt: item.alt,
            caption: item.caption ?? '',
            credit: item.credit ?? '',
            errors: {},
          },
        }}
      />,
      status,
    );
  }

  app.get('/media', { preHandler: guard }, async (request, reply) => libraryPage(request, reply, {}));

  app.get<{ Querystring: { q?: string; limit?: string; offset?: string } }>(
    '/media.json',
    { preHandler: guard },
    async (request) => {
      const limit = clamp(request.query.limit, 1, 100, 24);
      const offset = clamp(request.query.offset, 0, 1_000_000, 0);
      const q = typeof request.query.q === 'string' ? request.query.q.slice(0, 200) : '';
      const { total, items } = await deps.media.search({ query: q, limit, offset });
      return { total, items: items.map(mediaJson) };
    },
  );

  app.post<{ Body: TextsBody & { file?: unknown } }>(
    '/media',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const body = request.body ?? {};
      const texts = textsFrom(body);
      const file = isUpload(body.file) ? body.file : null;
      const json = wantsJson(request);
      try {
        if (!file || file.data.length === 0)
          throw new ValidationError('Choose an image file to upload.', {
            file: 'Choose an image file to upload.',
          }).say('media.error.noFile', undefined, { file: { key: 'media.error.noFile' } });
        if (file.truncated) throw uploadTooLarge(maxMb);
        const item = await deps.media.upload({
          data: file.data,
          fileName: file.filename,
          texts,
          uploadedBy: request.user?.id ?? null,
        });
        if (json) return reply.status(201).send(mediaJson(item));
        return reply.redirect(`/admin/media/${item.id}?uploaded=1`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        if (json) return reply.status(error.status).send(errorJson(deps, error));
        const fields = sayFieldErrors(deps, error);
        const reason = sayError(deps, error);
        const onText = ['alt', 'caption', 'credit'].some((f) => f in fields);
        return libraryPage(
          request,
          reply,
          {
            upload: {
              alt: texts.alt ?? '',
              caption: texts.caption ?? '',
              credit: texts.credit ?? '',
              // The browser cannot keep a chosen file: say so beside the file field.
              errors: onText ? fields : { ...fields, file: reason },
            },
            notice: { kind: 'error', text: reason },
          },
          error.status,
        );
      }
    },
  );

  app.get<{ Params: { id: string }; Querystring: { uploaded?: string; saved?: string } }>(
    '/media/:id',
    { preHandler: guard },
    async (request, reply) => {
      const item = await findItem(deps, request.params.id);
      const t = deps.translators.get(deps.config.defaultLanguage)!.t;
      const notice: Notice | null = request.query.uploaded
        ? { kind: 'success', text: t('media.uploaded') }
        : request.query.saved
          ? { kind: 'success', text: t('media.saved') }
          : null;
      return editPage(request, reply, item, { notice });
    },
  );

  app.post<{ Params: { id: string }; Body: TextsBody }>(
    '/media/:id',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const item = await findItem(deps, request.params.id);
      const texts = textsFrom(request.body ?? {});
      try {
        await deps.media.updateTexts(item.id, texts);
        return reply.redirect(`/admin/media/${item.id}?saved=1`, 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        return editPage(
          request,
          reply,
          item,
          {
            form: {
              alt: texts.alt ?? '',
              caption: texts.caption ?? '',
              credit: texts.credit ?? '',
              errors: sayFieldErrors(deps, error),
            },
            notice: { kind: 'error', text: sayError(deps, error) },
          },
          error.status,
        );
      }
    },
  );
}

/** What the editor's picker receives for an image. */
export function mediaJson(item: MediaItem) {
  return {
    id: item.id,
    url: item.url,
    name: item.originalName,
    width: item.width,
    height: item.height,
    alt: item.alt,
    caption: item.caption,
    credit: item.credit,
    variants: item.variants,
  };
}

function errorJson(deps: HttpDeps, error: AppError) {
  return { error: sayError(deps, error), fields: sayFieldErrors(deps, error) };
}

async function findItem(deps: HttpDeps, id: string): Promise<MediaItem> {
  const n = Number(id);
  const item = Number.isSafeInteger(n) && n > 0 ? await deps.media.get(n) : undefined;
  if (!item) throw new NotFoundError('This image is not in the library.').say('media.error.gone');
  return item;
}

function leadImageOf(item: MediaItem) {
  return {
    mediaId: item.id,
    url: item.url,
    alt: item.alt,
    caption: null,
    credit: null,
    width: item.width,
    height: item.height,
  };
}

function card(presenter: Presenter, item: MediaItem): MediaCardModel {
  return {
    id: item.id,
    href: `/admin/media/${item.id}`,
    image: presenter.image(leadImageOf(item)),
    name: item.originalName ?? `#${item.id}`,
    credit: item.credit,
    missingAlt: !item.alt,
  };
}

function emptyTexts(): MediaTextsForm {
  return { alt: '', caption: '', credit: '', errors: {} };
}

function textsFrom(body: TextsBody): MediaTexts {
  const field = (value: unknown) => (typeof value === 'string' ? value : null);
  return { alt: field(body.alt), caption: field(body.caption), credit: field(body.credit) };
}

function isUpload(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data);
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function clamp(value: unknown, min: number, max: number, fallback: number): number {
  const n = Number.parseInt(String(value ?? ''), 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
