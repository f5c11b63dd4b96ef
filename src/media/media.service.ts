import crypto from 'node:crypto';
import { z } from 'zod';
import { validateInput } from '../content/validate-input.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { processImage } from './image-pipeline.ts';
import {
  findMedia,
  insertMedia,
  type MediaRow,
  mediaSearchKey,
  searchMedia,
  updateMediaTexts,
} from './media.repository.ts';
import type { MediaStorage } from './storage.ts';
import {
  FALLBACK_TYPES,
  libraryVariants,
  mainKey,
  type ResponsiveSources,
  responsiveFromUrl,
  variantFiles,
  type VariantUrl,
} from './variants.ts';

/** A library item as the admin and the editor's picker see it. */
export interface MediaItem {
  id: number;
  /** The largest fallback file (JPEG or PNG): what an article stores as its image address. */
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
  caption: string | null;
  credit: string | null;
  originalName: string | null;
  mime: string;
  bytes: number | null;
  createdAt: string;
  /** Every file made from the upload; empty for images that came from elsewhere (the demo's). */
  variants: VariantUrl[];
}

const text = (max: number, message: string) =>
  z
    .string()
    .max(max, { message })
    .nullish()
    .transform((v) => v?.replace(/\s+/g, ' ').trim() || null);

const textsInput = z.object({
  alt: text(1000, 'Alt text can be at most 1,000 characters.'),
  caption: text(1000, 'A caption can be at most 1,000 characters.'),
  credit: text(300, 'A credit can be at most 300 characters.'),
});
export type MediaTexts = z.input<typeof textsInput>;

export type MediaService = ReturnType<typeof createMediaService>;

/**
 * The media library: uploads become re-encoded, metadata-free variants (image-pipeline.ts) stored
 * through `MediaStorage`, and a row with the alt text, caption and credit that travel with the image
 * wherever it is reused. An upload is all or nothing: the row is written only after every file is
 * stored, and the files are removed again if the row cannot be written.
 */
export function createMediaService({
  db,
  storage,
  clock,
  logger,
  maxPixels,
}: {
  db: Db;
  storage: MediaStorage;
  clock: Clock;
  logger: Logger;
  maxPixels: number;
}) {
  const libraryBase = storage.urlFor('lib/').slice(0, -'lib/'.length);

  function toItem(row: MediaRow): MediaItem {
    const url = storage.urlFor(row.storage_key);
    return {
      id: row.id,
      url,
      width: row.width,
      height: row.height,
      alt: row.alt ?? '',
      caption: row.caption,
      credit: row.credit,
      originalName: row.original_name,
      mime: row.mime,
      bytes: row.bytes,
      createdAt: row.created_at,
      variants: libraryVariants(url, libraryBase)?.files ?? [],
    };
  }

  return {
    /**
     * Stores an uploaded image with its texts. Refuses, with a 4xx sentence, anything that is not a
     * JPEG, PNG, WebP, AVIF or GIF by its content, that cannot be decoded, or that has too many pixels.
     */
    async upload(input: {
      data: Buffer;
      fileName: string;
      texts: MediaTexts;
      uploadedBy: number | null;
    }): Promise<MediaItem> {
      const texts = validateInput(textsInput, input.texts);
      const image = await processImage(input.data, { maxPixels });
      const token = crypto.randomBytes(10).toString('hex');
      const files = variantFiles(token, image.size, image.fallback);
      const stored: string[] = [];
      try {
        for (const file of files) {
          const variant = image.variants.find((v) => v.width === file.width && v.format === file.format);
          if (!variant) throw new Error(`variant ${file.key} was not made`);
          await storage.put(file.key, variant.data, file.type);
          stored.push(file.key);
        }
        const fileName = cleanFileName(input.fileName);
        const now = clock.now().toISOString();
        const main = image.variants[image.variants.length - 1]!;
        const id = await insertMedia(db, {
          kind: 'image',
          storage_key: mainKey(files),
          original_name: fileName,
          mime: FALLBACK_TYPES[image.fallback],
          width: image.size.width,
          height: image.size.height,
          bytes: main.data.length,
          ...texts,
          search_text: searchText(texts, fileName),
          uploaded_by: input.uploadedBy,
          created_at: now,
          updated_at: now,
        });
        return toItem((await findMedia(db, id))!);
      } catch (error) {
        // Nothing half-written: files without a row are removed again.
        await Promise.all(stored.map((key) => storage.delete(key).catch(() => undefined)));
        logger.error({ err: error }, 'storing an uploaded image failed; its files were removed');
        throw error;
      }
    },

    async get(id: number): Promise<MediaItem | undefined> {
      const row = await findMedia(db, id);
      return row && toItem(row);
    },

    async search(options: {
      query?: string;
      limit: number;
      offset: number;
    }): Promise<{ total: number; items: MediaItem[] }> {
      const { total, rows } = await searchMedia(db, options);
      return { total, items: rows.map(toItem) };
    },

    /** Changes an item's alt text, caption and credit (articles that already use it keep their copies). */
    async updateTexts(id: number, input: MediaTexts): Promise<MediaItem> {
      const texts = validateInput(textsInput, input);
      const row = await findMedia(db, id);
      if (!row) throw new NotFoundError('This image is not in the library any more.').say('media.error.gone');
      await updateMediaTexts(db, id, {
        ...texts,
        search_text: searchText(texts, row.original_name),
        updated_at: clock.now().toISOString(),
      });
      return toItem((await findMedia(db, id))!);
    },

    /** Responsive sources for an image address, when it is one of the library's (see variants.ts). */
    responsive(url: string): ResponsiveSources | undefined {
      return responsiveFromUrl(url, libraryBase);
    },
  };
}

/** Keeps the name an editor recognises, without any path a browser may have sent. */
function cleanFileName(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 200);
  return clean || null;
}

function searchText(
  texts: { alt: string | null; caption: string | null; credit: string | null },
  fileName: string | null,
) {
  return mediaSearchKey([texts.alt, texts.caption, texts.credit, fileName].filter(Boolean).join(' '));
}

/** The error for an upload over the size limit, said the same way by every route that reads one. */
export function uploadTooLarge(maxMb: number): AppError {
  return new AppError(
    `This file is larger than ${maxMb} MB, the most the library takes. Make it smaller and upload it again.`,
    413,
    'too_large',
  ).say('media.error.tooLarge', { size: maxMb });
}
