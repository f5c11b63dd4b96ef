import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { cookieHeader, postForm, signedInAs } from '../helpers/admin.ts';
import { parsePage, text } from '../helpers/html.ts';
import { type FilePart, postMultipart } from '../helpers/multipart.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** A real camera-like JPEG: EXIF with a maker, a GPS position, and "turn 90° clockwise" (orientation 6). */
async function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 1400, height: 700, channels: 3, background: '#b33a2a' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'LeakyCam', Model: 'Serial 12345' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '50/1 27/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '30/1 31/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A PNG whose left half is transparent. */
async function transparentPng(): Promise<Buffer> {
  const half = await sharp({ create: { width: 300, height: 400, channels: 4, background: '#1d5fd1ff' } })
    .png()
    .toBuffer();
  return sharp({
    create: { width: 600, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([{ input: half, left: 300, top: 0 }])
    .png()
    .toBuffer();
}

/**
 * A decompression bomb: a valid 1×1 PNG whose header claims 40,000 × 40,000 pixels (1.6 gigapixels).
 * Only the header is changed (with its CRC), so any decoder that trusts it would try to expand it.
 */
async function pngBomb(): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(40_000, 16);
  png.writeUInt32BE(40_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const file = (filename: string, data: Buffer, contentType = 'image/jpeg'): FilePart => ({
  name: 'file',
  filename,
  contentType,
  data,
});

interface MediaJson {
  id: number;
  url: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  variants: Array<{ url: string; width: number; type: string }>;
}

describe('media library: uploads', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  const mediaDir = () => path.join(app.dataDir, 'media');
  const filesOnDisk = () =>
    fs.existsSync(mediaDir())
      ? (fs.readdirSync(mediaDir(), { recursive: true }) as string[]).filter((f) => /\.\w+$/.test(f))
      : [];
  const mediaRows = async () =>
    Number(
      (
        await app.database.db
          .selectFrom('media')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const upload = (part: FilePart, fields: Record<string, string> = {}, accept = 'application/json') =>
    postMultipart(app, {
      formUrl: '/admin/media',
      action: '/admin/media',
      fields,
      files: [part],
      jar: editor,
      accept,
    });

  before(async () => {
    app = await createTestApp({ env: { MEDIA_MAX_UPLOAD_MB: '2', MEDIA_MAX_MEGAPIXELS: '30' } });
    editor = (await signedInAs(app, 'editor')).jar;
  });
  after(() => app.close());

  it('stores a camera JPEG upright, in every width and format, with no EXIF or GPS left in any file', async () => {
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    assert.ok(before.exif?.includes(Buffer.from('LeakyCam')), 'the test image carries its maker');
    assert.ok(before.exif?.includes(Buffer.from([0x25, 0x88])), 'the test image carries a GPS position');

    const res = await upload(file('IMG_0042.JPG', original), {
      alt: 'A red wall',
      caption: 'The wall in Podil',
      credit: 'Olena Kovalenko / Newsdesk',
    });
    assert.equal(res.statusCode, 201, res.body);
    const item = res.json() as MediaJson;
    // Orientation 6: the 1400×700 sensor image is 700×1400 when upright.
    assert.deepEqual([item.width, item.height], [700, 1400]);
    assert.equal(item.alt, 'A red wall');
    assert.equal(item.credit, 'Olena Kovalenko / Newsdesk');
    assert.match(item.url, /^\/media\/lib\/[a-z0-9]+-700x1400\/700\.jpg$/);
    // Never upscaled: 320 and 640 below the original width, then the original's own width.
    const widths = [...new Set(item.variants.map((v) => v.width))];
    assert.deepEqual(widths, [320, 640, 700]);
    assert.deepEqual(
      [...new Set(item.variants.map((v) => v.type))],
      ['image/avif', 'image/webp', 'image/jpeg'],
    );

    for (const variant of item.variants) {
      const served = await app.http.inject({ url: variant.url });
      assert.equal(served.statusCode, 200, variant.url);
      assert.match(String(served.headers['cache-control']), /max-age=31536000.*immutable/);
      const meta = await sharp(served.rawPayload).metadata();
      assert.equal(meta.width, variant.width, variant.url);
      assert.equal(meta.exif, undefined, `${variant.url} has no EXIF`);
      assert.equal(meta.xmp, undefined, `${variant.url} has no XMP`);
      assert.equal(meta.orientation ?? 1, 1);
      assert.ok(meta.height! > meta.width!, `${variant.url} is upright`);
      assert.ok(!served.rawPayload.includes(Buffer.from('LeakyCam')), `${variant.url} names no camera`);
    }
  });

  it('keeps transparency: a PNG with an alpha channel gets a PNG fallback, not a JPEG', async () => {
    const res = await upload(file('logo.png', await transparentPng(), 'image/png'), { alt: 'Logo' });
    assert.equal(res.statusCode, 201, res.body);
    const item = res.json() as MediaJson;
    assert.match(item.url, /\/600\.png$/);
    assert.deepEqual(
      [...new Set(item.variants.map((v) => v.type))],
      ['image/avif', 'image/webp', 'image/png'],
    );
    const png = await app.http.inject({ url: item.url });
    const { data, info } = await sharp(png.rawPayload).raw().toBuffer({ resolveWithObject: true });
    assert.equal(info.channels, 4);
    assert.equal(data[3], 0, 'the left edge is still transparent');
    assert.equal(data[(info.width - 1) * 4 + 3], 255, 'the right edge is opaque');
  });

  it('refuses a text file named .jpg, by its content, and writes nothing', async () => {
    const rows = await mediaRows();
    const files = filesOnDisk().length;
    const res = await upload(
      file('holiday.jpg', Buffer.from('This is not a picture, only words.\n'.repeat(20))),
    );
    assert.equal(res.statusCode, 415);
    assert.match(res.json().error, /not an image the library can use.*JPEG, PNG, WebP, AVIF or GIF/);
    assert.equal(await mediaRows(), rows);
    assert.equal(filesOnDisk().length, files);
  });

  it('refuses a decompression bomb by its declared size before decoding it', async () => {
    const rows = await mediaRows();
    const started = Date.now();
    const res = await upload(file('bomb.png', await pngBomb(), 'image/png'));
    assert.equal(res.statusCode, 422);
    assert.match(res.json().error, /40000 × 40000 pixels; the library takes images of up to 30 megapixels/);
    assert.ok(Date.now() - started < 5000, 'refused without expanding 1.6 gigapixels');
    assert.equal(await mediaRows(), rows);
  });

  it('refuses a file over the size limit with 413 and a sentence, on the page too', async () => {
    const big = Buffer.concat([await jpegWithGps(), crypto.randomBytes(2.5 * 1024 * 1024)]);
    const rows = await mediaRows();
    const json = await upload(file('huge.jpg', big));
    assert.equal(json.statusCode, 413);
    assert.equal(
      json.json().error,
      'This file is larger than 2 MB, the most the library takes. Make it smaller and upload it again.',
    );

    const page = await upload(file('huge.jpg', big), { alt: 'Kept alt', credit: 'Kept credit' }, 'text/html');
    assert.equal(page.statusCode, 413);
    const doc = parsePage(page.body);
    assert.match(text(doc.querySelector('#media-file-error')), /larger than 2 MB/);
    assert.equal(doc.querySelector<HTMLInputElement>('#media-upload-alt')?.getAttribute('value'), 'Kept alt');
    assert.equal(
      doc.querySelector<HTMLInputElement>('#media-upload-credit')?.getAttribute('value'),
      'Kept credit',
    );
    assert.equal(await mediaRows(), rows);
  });

  it('says what is missing when the form is sent without a file, keeping what was typed', async () => {
    const res = await postMultipart(app, {
      formUrl: '/admin/media',
      action: '/admin/media',
      fields: { alt: 'Typed alt' },
      jar: editor,
    });
    assert.equal(res.statusCode, 422);
    const doc = parsePage(res.body);
    assert.equal(text(doc.querySelector('#media-file-error')), 'Choose an image file to upload.');
    assert.equal(doc.querySelector('#media-upload-alt')?.getAttribute('value'), 'Typed alt');
  });

  it('uploads from the HTML form without script and lands on the image’s page', async () => {
    const res = await upload(file('form.jpg', await jpegWithGps()), { alt: 'From the form' }, 'text/html');
    assert.equal(res.statusCode, 303);
    const location = String(res.headers.location);
    assert.match(location, /^\/admin\/media\/\d+\?uploaded=1$/);
    const page = await app.http.inject({ url: location, headers: { cookie: cookieHeader(editor) } });
    assert.equal(page.statusCode, 200);
    const doc = parsePage(page.body);
    assert.equal(text(doc.querySelector('.notice--success')), 'The image is in the library.');
    assert.equal(doc.querySelector('#media-edit-alt')?.getAttribute('value'), 'From the form');
    assert.ok(doc.querySelector('.media-preview picture source[type="image/avif"]'));
  });

  it('accepts WebP, AVIF and GIF (the first frame), each by its content', async () => {
    const base = sharp({ create: { width: 500, height: 300, channels: 3, background: '#2a7' } });
    for (const [name, data] of [
      ['a.webp', await base.clone().webp().toBuffer()],
      ['a.avif', await base.clone().avif().toBuffer()],
      ['a.gif', await base.clone().gif().toBuffer()],
      // A browser may send any name: the content decides.
      ['no-extension', await base.clone().webp().toBuffer()],
    ] as const) {
      const item = await app.services.media.upload({ data, fileName: name, texts: {}, uploadedBy: null });
      assert.deepEqual([item.width, item.height], [500, 300], name);
      assert.match(item.url, /\/500\.jpg$/, name);
    }
  });

  it('leaves nothing half-written: when storing a file fails, the files already stored are removed and no row is written', async () => {
    const { createMediaService } = await import('../../src/media/media.service.ts');
    const { createLocalStorage } = await import('../../src/media/storage.ts');
    const root = path.join(app.dataDir, 'failing-media');
    const local = createLocalStorage(root);
    let puts = 0;
    const failing = {
      ...local,
      async put(key: string, data: Buffer, type: string) {
        if (++puts === 5) throw new Error('disk full');
        await local.put(key, data, type);
      },
    };
    const media = createMediaService({
      db: app.database.db,
      storage: failing,
      clock: { now: () => new Date() },
      logger: app.logger,
      maxPixels: 30_000_000,
    });
    const rows = await mediaRows();
    await assert.rejects(
      media.upload({ data: await jpegWithGps(), fileName: 'x.jpg', texts: {}, uploadedBy: null }),
      /disk full/,
    );
    assert.equal(await mediaRows(), rows);
    const left = fs.existsSync(root)
      ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.\w+$/.test(f))
      : [];
    assert.deepEqual(left, []);
  });

  it('refuses an upload without the CSRF token', async () => {
    const res = await app.http.inject({
      method: 'POST',
      url: '/admin/media',
      headers: { cookie: cookieHeader(editor), 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x--\r\n',
    });
    assert.equal(res.statusCode, 403);
  });
});

describe('media library: search, edit, roles and reader pages', () => {
  let app: TestApp;
  let editor: Record<string, string>;
  let kyiv: MediaJson;

  before(async () => {
    app = await createTestApp();
    editor = (await signedInAs(app, 'editor')).jar;
    const image = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#445566' } })
      .jpeg()
      .toBuffer();
    const post = (fields: Record<string, string>, name: string) =>
      postMultipart(app, {
        formUrl: '/admin/media',
        action: '/admin/media',
        fields,
        files: [file(name, image)],
        jar: editor,
        accept: 'application/json',
      });
    kyiv = (await post({ alt: 'Вечірній КИЇВ', credit: 'Reuters' }, 'kyiv.jpg')).json() as MediaJson;
    await post({ alt: 'Harbour at dawn', caption: 'Odesa port' }, 'port.jpg');
  });
  after(() => app.close());

  const get = (url: string, jar = editor) => app.http.inject({ url, headers: { cookie: cookieHeader(jar) } });

  it('caps the largest variant at 1920 wide and offers five widths', () => {
    assert.deepEqual([kyiv.width, kyiv.height], [1920, 1280]);
    assert.deepEqual([...new Set(kyiv.variants.map((v) => v.width))], [320, 640, 960, 1280, 1920]);
  });

  it('finds images by alt text in any case, caption, credit and file name (picker JSON)', async () => {
    const find = async (q: string) =>
      (
        (await get(`/admin/media.json?q=${encodeURIComponent(q)}`)).json() as { items: MediaJson[] }
      ).items.map((i) => i.alt);
    assert.deepEqual(await find('київ'), ['Вечірній КИЇВ']);
    assert.deepEqual(await find('odesa'), ['Harbour at dawn']);
    assert.deepEqual(await find('REUTERS'), ['Вечірній КИЇВ']);
    assert.deepEqual(await find('port.jpg'), ['Harbour at dawn']);
    assert.deepEqual(await find('100%'), []);
    assert.equal((await find('')).length, 2);
  });

  it('shows the library grid with search, and edits texts with input kept on a refusal', async () => {
    const page = parsePage((await get('/admin/media?q=harbour')).body);
    assert.equal(page.querySelectorAll('.media-grid li').length, 1);
    assert.equal(text(page.querySelector('.media-card-name')), 'port.jpg');
    assert.ok(page.querySelector('nav.admin-nav a[href="/admin/media"][aria-current="page"]'));

    const tooLong = 'x'.repeat(301);
    const refused = await postForm(
      app,
      `/admin/media/${kyiv.id}`,
      `/admin/media/${kyiv.id}`,
      { alt: 'Kyiv at night', caption: 'Kept caption', credit: tooLong },
      editor,
    );
    assert.equal(refused.statusCode, 422);
    const doc = parsePage(refused.body);
    assert.equal(
      text(doc.querySelector('#media-edit-credit-error')),
      'A credit can be at most 300 characters.',
    );
    assert.equal(doc.querySelector('#media-edit-alt')?.getAttribute('value'), 'Kyiv at night');
    assert.equal(text(doc.querySelector('#media-edit-caption')), 'Kept caption');

    const saved = await postForm(
      app,
      `/admin/media/${kyiv.id}`,
      `/admin/media/${kyiv.id}`,
      { alt: 'Kyiv at night', caption: 'The city from the hills', credit: 'Reuters / Gleb Garanich' },
      editor,
    );
    assert.equal(saved.statusCode, 303);
    const item = await app.services.media.get(kyiv.id);
    assert.equal(item?.credit, 'Reuters / Gleb Garanich');
    const found = (await get('/admin/media.json?q=garanich')).json() as { items: MediaJson[] };
    assert.equal(found.items[0]?.caption, 'The city from the hills');
  });

  it('lets authors upload but not contributors or visitors', async () => {
    const author = (await signedInAs(app, 'author')).jar;
    assert.equal((await get('/admin/media', author)).statusCode, 200);
    const contributor = (await signedInAs(app, 'contributor')).jar;
    assert.equal((await get('/admin/media', contributor)).statusCode, 403);
    assert.equal((await get('/admin/media.json', contributor)).statusCode, 403);
    const nav = parsePage((await get('/admin', contributor)).body);
    assert.equal(nav.querySelector('nav.admin-nav a[href="/admin/media"]'), null);
    const anonymous = await app.http.inject({
      url: '/admin/media.json',
      headers: { accept: 'application/json' },
    });
    assert.equal(anonymous.statusCode, 401);
    assert.equal((await get('/admin/media/999999')).statusCode, 404);
  });

  it('serves a library lead image and body image as <picture> with srcset, sizes, width and height', async () => {
    const section = await app.services.taxonomy.createSection({ name: 'City' });
    const article = await app.services.articles.create({
      language: 'en',
      title: 'The city at night',
      slug: 'city-at-night',
      status: 'published',
      sectionId: section.id,
      authorIds: [],
      tags: [],
      publishedAt: '2026-01-10T10:00:00.000Z',
      leadImage: {
        mediaId: kyiv.id,
        url: kyiv.url,
        alt: kyiv.alt,
        caption: 'Lead',
        credit: kyiv.credit,
        width: kyiv.width,
        height: kyiv.height,
      },
      body: [
        { type: 'paragraph', text: 'First paragraph.' },
        { type: 'image', src: kyiv.url, alt: 'Body image', mediaId: kyiv.id },
        {
          type: 'image',
          src: '/media/demo/elsewhere.jpg',
          alt: 'Not from the library',
          width: 800,
          height: 600,
        },
      ],
    });
    const res = await app.http.inject({ url: `/city/${article.slug}` });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    const doc = parsePage(res.body);
    const lead = doc.querySelector('.story-lead picture')!;
    assert.ok(lead, 'the lead image is a <picture>');
    assert.deepEqual(
      Array.from(lead.querySelectorAll('source')).map((s) => s.getAttribute('type')),
      ['image/avif', 'image/webp'],
    );
    const avif = lead.querySelector('source')!.getAttribute('srcset')!;
    assert.equal(avif.split(', ').length, 5);
    assert.match(avif, /\/320\.avif 320w/);
    const leadImg = lead.querySelector('img')!;
    assert.equal(leadImg.getAttribute('width'), '1920');
    assert.equal(leadImg.getAttribute('height'), '1280');
    assert.equal(leadImg.getAttribute('loading'), 'eager');
    assert.match(leadImg.getAttribute('srcset')!, /\/1920\.jpg 1920w$/);
    assert.ok(leadImg.getAttribute('sizes'));

    const body = doc.querySelectorAll('.story-body figure');
    const bodyImg = body[0]!.querySelector('picture img')!;
    assert.equal(bodyImg.getAttribute('loading'), 'lazy');
    assert.equal(bodyImg.getAttribute('width'), '1920');
    assert.equal(bodyImg.getAttribute('height'), '1280');
    assert.equal(bodyImg.getAttribute('sizes'), '(min-width: 46rem) 42rem, 100vw');
    assert.equal(body[0]!.querySelectorAll('source').length, 2);
    // An image from elsewhere is left as it was: one address, its own size.
    const plain = body[1]!.querySelector('img')!;
    assert.equal(body[1]!.querySelector('picture'), null);
    assert.equal(plain.getAttribute('src'), '/media/demo/elsewhere.jpg');
    assert.equal(plain.getAttribute('width'), '800');
    assert.equal(plain.getAttribute('srcset'), null);
  });
});
