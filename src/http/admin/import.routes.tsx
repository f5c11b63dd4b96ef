import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DuplicateMatch } from '../../ingest/duplicates/duplicate-finder.ts';
import type { ImportPreview, ImportReport, ImportSource } from '../../ingest/ingest.service.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { blocksToPlainText, isSafeUrl, renderBlocks } from '../../richtext/index.ts';
import { isAppError } from '../../shared/errors.ts';
import type { Notice } from '../../views/admin/models.ts';
import {
  type ImportFormModel,
  ImportPage,
  type ImportPreviewItemModel,
  type ImportPreviewModel,
  type ImportResultModel,
} from '../../views/admin/import.page.tsx';
import type { HttpDeps } from '../context.ts';
import { adminContext, sendAdminPage } from './admin-page.ts';
import { adminArticleHref } from './dashboard.route.tsx';
import { sayError } from './say-error.ts';
import { requireCapability } from './session.ts';

const MAX_UPLOAD_MB = 50;

interface UploadedFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

interface ImportBody {
  _csrf?: unknown;
  url?: unknown;
  text?: unknown;
  file?: unknown;
  sectionId?: unknown;
  keepStatus?: unknown;
}

/**
 * The Import page: give an address, paste text or upload a file; see the story (or every story of a
 * feed or export) as it will be saved, with its provenance and same-story warnings; save as drafts.
 * What was previewed is staged, so the drafts are made from exactly what the editor saw.
 */
export async function importRoutes(app: FastifyInstance, { deps }: { deps: HttpDeps }) {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_MB * 1024 * 1024, files: 1, fields: 10, fieldSize: 5 * 1024 * 1024 },
    async onFile(part) {
      const data = await part.toBuffer();
      (part as unknown as { value: UploadedFile }).value = {
        filename: part.filename,
        data,
        truncated: part.file.truncated,
      };
    },
  });
  const guard = requireCapability('import.run');

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    parts: {
      form?: ImportFormModel;
      preview?: ImportPreviewModel;
      result?: ImportResultModel;
      notice?: Notice;
    },
    status = 200,
  ) {
    const { context, chrome } = await adminContext(request, reply, deps, 'import');
    return sendAdminPage(
      reply,
      context,
      <ImportPage
        model={{
          chrome,
          notice: parts.notice ?? null,
          form: parts.form ?? null,
          preview: parts.preview ?? null,
          result: parts.result ?? null,
        }}
      />,
      status,
    );
  }

  async function form(values: Partial<ImportFormModel> = {}): Promise<ImportFormModel> {
    const sections = await deps.taxonomy.listSections();
    const feeds = await deps.followedFeeds.list();
    return {
      url: '',
      text: '',
      sectionId: null,
      keepStatus: false,
      errors: {},
      ...values,
      sections: sections.map((s) => ({ id: s.id, name: s.name })),
      maxUploadMb: MAX_UPLOAD_MB,
      feeds: feeds.map((f) => ({
        id: f.id,
        title: f.title ?? f.url,
        url: f.url,
        intervalMinutes: f.interval_minutes,
        lastPolledAt: f.last_polled_at,
        lastError: f.last_error,
      })),
    };
  }

  async function sectionIdFrom(value: unknown): Promise<number | null> {
    const id = Number(value);
    if (!Number.isInteger(id) || id <= 0) return null;
    return (await deps.taxonomy.listSections()).some((s) => s.id === id) ? id : null;
  }

  app.get('/import', { preHandler: guard }, async (request, reply) =>
    page(request, reply, { form: await form() }),
  );

  app.post<{ Body: ImportBody }>(
    '/import',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const t = translator(deps);
      const body = request.body ?? {};
      const url = typeof body.url === 'string' ? body.url.trim().slice(0, 2048) : '';
      const text = typeof body.text === 'string' ? body.text : '';
      const file = isUpload(body.file) && body.file.data.length > 0 ? body.file : null;
      const sectionId = await sectionIdFrom(body.sectionId);
      const keepStatus = body.keepStatus === '1';
      const again = async (errors: Record<string, string>, status: number) =>
        page(request, reply, { form: await form({ url, text, sectionId, keepStatus, errors }) }, status);

      const given = [url, text.trim(), file].filter(Boolean).length;
      if (given === 0) return again({ form: t('import.nothingGiven') }, 422);
      if (given > 1)
        return again({ form: t('import.oneSource'), ...(file ? { file: t('import.fileAgain') } : {}) }, 422);
      if (file?.truncated) return again({ file: t('import.tooLarge', { size: MAX_UPLOAD_MB }) }, 413);

      const source: ImportSource = url
        ? { url }
        : file
          ? { content: file.data, name: file.filename }
          : { content: text };
      try {
        const loaded = await deps.ingest.load(source);
        const preview = await deps.ingest.previewLoaded(loaded);
        const token = await deps.importStaging.put(loaded);
        return page(request, reply, {
          preview: previewModel(deps, preview, { token, sectionId, keepStatus }),
        });
      } catch (error) {
        if (!isAppError(error)) throw error;
        const field = url ? 'url' : file ? 'file' : 'text';
        return again(
          { [field]: sayError(deps, error), ...(file ? { form: t('import.fileAgain') } : {}) },
          error.status,
        );
      }
    },
  );

  app.post<{ Params: { id: string } }>(
    '/import/feeds/:id/unfollow',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const id = Number(request.params.id);
      const stopped = Number.isInteger(id) && id > 0 && (await deps.followedFeeds.unfollow(id));
      const t = translator(deps);
      return page(
        request,
        reply,
        {
          form: await form(),
          notice: stopped
            ? { kind: 'success', text: t('import.feeds.unfollowed') }
            : { kind: 'error', text: t('error.notFoundText') },
        },
        stopped ? 200 : 404,
      );
    },
  );

  app.post<{ Body: { token?: unknown; sectionId?: unknown; keepStatus?: unknown; follow?: unknown } }>(
    '/import/save',
    { preHandler: [guard, app.csrfProtection] },
    async (request, reply) => {
      const token = typeof request.body?.token === 'string' ? request.body.token : '';
      try {
        const loaded = await deps.importStaging.take(token);
        const sectionId = await sectionIdFrom(request.body?.sectionId);
        const report = await deps.ingest.runLoaded(loaded, {
          sectionId,
          status: request.body?.keepStatus === '1' ? 'keep' : 'draft',
        });
        await deps.importStaging.discard(token);
        const result = await resultModel(deps, report);
        const lines = [...result.lines];
        if (request.body?.follow === '1' && loaded.kind === 'feed' && loaded.url) {
          const t = translator(deps);
          try {
            await deps.followedFeeds.followImported(loaded.url, { sectionId, title: report.source.title });
            lines.push(t('import.followed', { url: loaded.url }));
          } catch (error) {
            if (!isAppError(error)) throw error;
            lines.push(t('import.alreadyFollowed', { url: loaded.url }));
          }
        }
        return page(request, reply, { result: { ...result, lines } });
      } catch (error) {
        if (!isAppError(error)) throw error;
        return page(
          request,
          reply,
          { form: await form(), notice: { kind: 'error', text: sayError(deps, error) } },
          error.status,
        );
      }
    },
  );
}

function isUpload(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data);
}

function translator(deps: HttpDeps) {
  return deps.translators.get(deps.config.defaultLanguage)!.t;
}

function duplicateWarning(deps: HttpDeps, match: DuplicateMatch) {
  const t = translator(deps);
  return {
    text: t('import.duplicateWarning', {
      title: match.title,
      status: t(`import.status.${match.status}` as MessageKey),
      score: Math.round(match.score * 100),
    }),
    href: adminArticleHref({
      id: match.articleId,
      status: match.status,
      publicHref: deps.urls.article(match.language, match.sectionSlug, match.slug),
    }),
  };
}

function previewModel(
  deps: HttpDeps,
  preview: ImportPreview,
  options: { token: string; sectionId: number | null; keepStatus: boolean },
): ImportPreviewModel {
  const t = translator(deps);
  const items = preview.items.map((item): ImportPreviewItemModel => {
    const a = item.article;
    const rows: ImportPreviewItemModel['provenance'] = [
      ...(a.source.outlet ? [{ label: t('import.field.outlet'), value: a.source.outlet }] : []),
      ...(a.source.url
        ? [
            {
              label: t('import.field.originalUrl'),
              value: a.source.url,
              ...(isSafeUrl(a.source.url, { allowMailto: false }) ? { href: a.source.url } : {}),
            },
          ]
        : []),
      ...(a.source.originalTitle && a.source.originalTitle !== a.title
        ? [{ label: t('import.field.originalTitle'), value: a.source.originalTitle }]
        : []),
      ...(a.source.originalAuthor
        ? [{ label: t('import.field.originalAuthor'), value: a.source.originalAuthor }]
        : []),
      ...(a.language ? [{ label: t('import.field.language'), value: a.language }] : []),
      ...(a.publishedAt ? [{ label: t('import.field.published'), value: a.publishedAt, time: true }] : []),
      { label: t('import.field.retrieved'), value: preview.source.retrievedAt, time: true },
      { label: t('import.field.hash'), value: preview.source.contentHash.slice(0, 16) },
    ];
    const image = a.leadImage;
    return {
      title: a.title,
      byline: a.authors.length ? t('import.by', { authors: a.authors.join(', ') }) : null,
      dek: a.dek,
      provenance: rows,
      leadImage: image
        ? {
            html:
              image.url && isSafeUrl(image.url, { allowMailto: false })
                ? renderBlocks([
                    {
                      type: 'image',
                      src: image.url,
                      alt: image.alt,
                      ...(image.caption ? { caption: image.caption } : {}),
                      ...(image.credit ? { credit: image.credit } : {}),
                    },
                  ])
                : null,
            caption: image.caption,
            credit: image.credit,
          }
        : null,
      body: renderBlocks(a.body, { eagerBlocks: 0 }),
      words: blocksToPlainText(a.body).split(/\s+/).filter(Boolean).length,
      duplicates: item.duplicates.map((d) => duplicateWarning(deps, d)),
      alreadyImported: item.importedAs !== null,
      comments: item.comments,
    };
  });
  return {
    token: options.token,
    kindLabel: t(`import.kind.${preview.source.kind}` as MessageKey),
    sourceTitle: preview.source.title,
    sourceUrl:
      preview.source.url && isSafeUrl(preview.source.url, { allowMailto: false }) ? preview.source.url : null,
    items,
    newCount: items.filter((i) => !i.alreadyImported).length,
    sectionId: options.sectionId,
    keepStatus: options.keepStatus,
    isExport: preview.source.kind === 'wxr',
    canFollow: preview.source.kind === 'feed' && Boolean(preview.source.url),
  };
}

async function resultModel(deps: HttpDeps, report: ImportReport): Promise<ImportResultModel> {
  const t = translator(deps);
  const lines: string[] = [t('import.done', { count: report.created.length })];
  if (report.skipped.length) lines.push(t('import.skipped', { count: report.skipped.length }));
  if (report.comments.imported > 0)
    lines.push(t('comments.importedCount', { count: report.comments.imported }));
  if (report.comments.found > report.comments.imported)
    lines.push(t('comments.importSkipped', { count: report.comments.found - report.comments.imported }));
  const created = [];
  for (const c of report.created) {
    const article = await deps.articles.getById(c.articleId);
    created.push({
      title: c.title,
      status: c.status,
      statusLabel: t(`import.status.${c.status}` as MessageKey),
      href: article
        ? adminArticleHref({
            id: article.id,
            status: article.status,
            publicHref: deps.urls.article(article.language, article.section?.slug, article.slug),
          })
        : null,
      warnings: c.duplicates.map((d) => duplicateWarning(deps, d).text),
    });
  }
  return {
    lines,
    created,
    failures: report.failed.map((f) => t('import.failed', { title: f.title, reason: f.reason })),
  };
}
