import type { Metadata, OutputInfo } from 'sharp';
import { AppError } from '../shared/errors.ts';
import { type ImageFormat, sniffImageFormat } from './sniff.ts';
import { type FallbackFormat, largestSize, variantWidths } from './variants.ts';

/** sharp's own names for what `sniffImageFormat` recognised (AVIF is a HEIF container to libvips). */
const SHARP_FORMATS: Record<ImageFormat, string[]> = {
  jpeg: ['jpeg'],
  png: ['png'],
  gif: ['gif'],
  webp: ['webp'],
  avif: ['heif', 'avif'],
};

export interface EncodedVariant {
  width: number;
  height: number;
  format: 'avif' | 'webp' | FallbackFormat;
  data: Buffer;
}

export interface ProcessedImage {
  /** What the upload was, after auto-rotation (the size a reader would see at full resolution). */
  original: { format: ImageFormat; width: number; height: number };
  /** The largest variant's size (what pages give as width and height). */
  size: { width: number; height: number };
  fallback: FallbackFormat;
  variants: EncodedVariant[];
}

/** Refusals of the pipeline: each a sentence an editor understands, and its catalogue message. */
function notAnImage(): AppError {
  return new AppError(
    'This file is not an image the library can use. Upload a JPEG, PNG, WebP, AVIF or GIF file.',
    415,
    'unsupported_media_type',
  ).say('media.error.notImage');
}

function unreadable(): AppError {
  return new AppError(
    'This image could not be read; the file may be damaged or cut short. Try exporting it again.',
    422,
    'invalid',
  ).say('media.error.unreadable');
}

function tooManyPixels(width: number, height: number, maxPixels: number): AppError {
  const megapixels = Math.round(maxPixels / 1_000_000);
  return new AppError(
    `This image is ${width} × ${height} pixels; the library takes images of up to ${megapixels} megapixels. Make it smaller and upload it again.`,
    422,
    'invalid',
  ).say('media.error.tooManyPixels', { width, height, megapixels });
}

/**
 * Decodes an upload and makes its variants: every width of `variantWidths` (never upscaled) in AVIF,
 * WebP and a JPEG fallback (PNG when the image has transparency). The image is turned upright from
 * its EXIF orientation, and re-encoded without any metadata, so EXIF, GPS positions, camera serials
 * and XMP never reach readers.
 *
 * The format is decided by the file's bytes, not its name. The declared size is checked against
 * `maxPixels` before anything is decoded, and sharp's `limitInputPixels` guards every decode as well,
 * so a decompression bomb (a small file that claims a vast canvas) is refused without being expanded.
 */
export async function processImage(
  data: Buffer,
  { maxPixels }: { maxPixels: number },
): Promise<ProcessedImage> {
  const format = sniffImageFormat(data);
  if (!format) throw notAnImage();
  // Loaded with the first upload: libvips takes some 30 MB that an instance serving readers never needs.
  const sharp = (await import('sharp')).default;
  const input = { limitInputPixels: maxPixels, failOn: 'error' as const, animated: false };
  let meta: Metadata;
  try {
    meta = await sharp(data, { ...input, limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  if (!meta.format || !SHARP_FORMATS[format].includes(meta.format)) throw notAnImage();
  if (!meta.width || !meta.height) throw unreadable();
  // An animated GIF or WebP reports the height of all its frames together; the first frame is used.
  const frameHeight = meta.pageHeight ?? meta.height;
  if (meta.width * frameHeight > maxPixels) throw tooManyPixels(meta.width, frameHeight, maxPixels);

  const turned = (meta.orientation ?? 1) >= 5;
  const original = {
    format,
    width: turned ? frameHeight : meta.width,
    height: turned ? meta.width : frameHeight,
  };
  const size = largestSize(original.width, original.height);
  // Decode once, upright and at the largest size; every variant is made from these pixels.
  let pixels: { data: Buffer; info: OutputInfo };
  try {
    pixels = await sharp(data, input)
      .autoOrient()
      .resize({ width: size.width, height: size.height, fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message))
      throw tooManyPixels(original.width, original.height, maxPixels);
    throw unreadable();
  }
  const raw = {
    raw: {
      width: pixels.info.width,
      height: pixels.info.height,
      channels: pixels.info.channels,
    },
  } as const;
  // PNG only when some pixel is see-through: GIFs and many PNGs carry an alpha channel that is all opaque.
  const transparent = pixels.info.channels === 4 && !(await sharp(pixels.data, raw).stats()).isOpaque;
  const fallback: FallbackFormat = transparent ? 'png' : 'jpg';

  const variants: EncodedVariant[] = [];
  for (const width of variantWidths(size.width)) {
    const height = Math.max(1, Math.round((size.height * width) / size.width));
    const scaled = sharp(pixels.data, raw).resize({ width, height, fit: 'fill' });
    const encodings = [
      { format: 'avif' as const, image: scaled.clone().avif({ quality: 55, effort: 2 }) },
      { format: 'webp' as const, image: scaled.clone().webp({ quality: 78, effort: 4 }) },
      fallback === 'png'
        ? { format: 'png' as const, image: scaled.clone().png({ compressionLevel: 9, palette: false }) }
        : { format: 'jpg' as const, image: scaled.clone().flatten().jpeg({ quality: 80, mozjpeg: true }) },
    ];
    for (const { format: out, image } of encodings) {
      variants.push({ width, height, format: out, data: await image.toBuffer() });
    }
  }
  return { original, size, fallback, variants };
}
