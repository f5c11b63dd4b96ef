/**
 * Where a library image's files live and how a page asks for them. One upload becomes a folder of
 * files named by width and format:
 *
 *   lib/<token>-<W>x<H>/320.avif  320.webp  320.jpg  640.avif … <W>.avif  <W>.webp  <W>.jpg
 *
 * `<W>x<H>` is the largest variant's size (the original's, capped at 1920 wide; never upscaled), and
 * the fallback is `.png` when the image has transparency. The library item's URL is its largest
 * fallback file. Because the folder names its size and the widths follow from it, a page can build
 * `srcset` and `<source>`s from the URL alone — for a lead image, a card or a body image — without a
 * database query.
 */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;
export const MAX_VARIANT_WIDTH = 1920;

export type FallbackFormat = 'jpg' | 'png';
export const MODERN_FORMATS = [
  { ext: 'avif', type: 'image/avif' },
  { ext: 'webp', type: 'image/webp' },
] as const;
export const FALLBACK_TYPES: Record<FallbackFormat, string> = { jpg: 'image/jpeg', png: 'image/png' };

/** The widths made for an image whose largest variant is `width` wide: the standard steps below it, then itself. */
export function variantWidths(width: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < width);
  widths.push(Math.min(width, MAX_VARIANT_WIDTH));
  return widths;
}

/** The size of the largest variant: the original's, scaled down to at most 1920 wide. */
export function largestSize(width: number, height: number): { width: number; height: number } {
  if (width <= MAX_VARIANT_WIDTH) return { width, height };
  return { width: MAX_VARIANT_WIDTH, height: Math.max(1, Math.round((height * MAX_VARIANT_WIDTH) / width)) };
}

export interface VariantFile {
  key: string;
  width: number;
  format: 'avif' | 'webp' | FallbackFormat;
  type: string;
}

/** Every file of one library image, given the folder's token, the largest size and the fallback format. */
export function variantFiles(
  token: string,
  size: { width: number; height: number },
  fallback: FallbackFormat,
): VariantFile[] {
  const folder = `lib/${token}-${size.width}x${size.height}`;
  const files: VariantFile[] = [];
  for (const width of variantWidths(size.width)) {
    for (const { ext, type } of MODERN_FORMATS)
      files.push({ key: `${folder}/${width}.${ext}`, width, format: ext, type });
    files.push({
      key: `${folder}/${width}.${fallback}`,
      width,
      format: fallback,
      type: FALLBACK_TYPES[fallback],
    });
  }
  return files;
}

/** The storage key of the item's main file (its largest fallback): what the media row stores. */
export function mainKey(files: readonly VariantFile[]): string {
  return files[files.length - 1]!.key;
}

const LIBRARY_FILE = /\/lib\/([a-z0-9]{16,64})-(\d{1,5})x(\d{1,5})\/(\d{1,5})\.(jpg|png)$/;

export interface ResponsiveSources {
  src: string;
  width: number;
  height: number;
  /** The fallback format at every width. */
  srcset: string;
  /** AVIF and WebP at every width, offered first. */
  sources: Array<{ type: string; srcset: string }>;
}

/** One file of a library image, by address. */
export interface VariantUrl {
  url: string;
  width: number;
  type: string;
}

/**
 * Every file of a library image from its URL (AVIF, WebP, then the fallback; narrowest first), or
 * undefined when the URL is not one of the library's files under `base` (the storage's public prefix,
 * e.g. `/media/`). Other images (the demo's, imported ones, external addresses) have no variants.
 */
export function libraryVariants(
  url: string,
  base: string,
): { width: number; height: number; files: VariantUrl[] } | undefined {
  if (!url.startsWith(base)) return undefined;
  const match = LIBRARY_FILE.exec(url);
  if (!match) return undefined;
  const width = Number(match[2]);
  const height = Number(match[3]);
  if (Number(match[4]) !== width || width < 1 || height < 1 || width > MAX_VARIANT_WIDTH) return undefined;
  const fallback = match[5] as FallbackFormat;
  const folder = url.slice(0, url.lastIndexOf('/') + 1);
  const formats = [...MODERN_FORMATS, { ext: fallback, type: FALLBACK_TYPES[fallback] }];
  const files = formats.flatMap(({ ext, type }) =>
    variantWidths(width).map((w) => ({ url: `${folder}${w}.${ext}`, width: w, type })),
  );
  return { width, height, files };
}

/**
 * The responsive sources of a library image from its URL (see `libraryVariants`).
 *
 * @example responsiveFromUrl('/media/lib/0f…-1280x853/1280.jpg', '/media/')
 *   // { src: '…/1280.jpg', width: 1280, height: 853, srcset: '…/320.jpg 320w, …', sources: [avif, webp] }
 */
export function responsiveFromUrl(url: string, base: string): ResponsiveSources | undefined {
  const library = libraryVariants(url, base);
  if (!library) return undefined;
  const srcsetOf = (type: string) =>
    library.files
      .filter((f) => f.type === type)
      .map((f) => `${f.url} ${f.width}w`)
      .join(', ');
  const fallbackType = library.files[library.files.length - 1]!.type;
  return {
    src: url,
    width: library.width,
    height: library.height,
    srcset: srcsetOf(fallbackType),
    sources: MODERN_FORMATS.map(({ type }) => ({ type, srcset: srcsetOf(type) })),
  };
}
