/** The image formats the library accepts, as told by a file's first bytes (never by its name). */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

/**
 * What a file is, from its signature: JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, GIF `GIF87a`/
 * `GIF89a`, WebP `RIFF….WEBP`, AVIF an ISO-BMFF `ftyp` box whose brand is `avif` or `avis`.
 * Returns undefined for anything else — a text file called photo.jpg included.
 */
export function sniffImageFormat(data: Buffer): ImageFormat | undefined {
  if (data.length < 12) return undefined;
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  const ascii = (from: number, to: number) => data.toString('latin1', from, to);
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp') {
    const boxSize = Math.min(data.readUInt32BE(0), data.length, 64);
    // The major brand, then the compatible brands: any of them may say AVIF.
    for (let at = 8; at + 4 <= boxSize; at += 4) {
      if (at === 12) continue; // minor version, not a brand
      const brand = ascii(at, at + 4);
      if (brand === 'avif' || brand === 'avis') return 'avif';
    }
  }
  return undefined;
}
