/**
 * The media picker: a dialog that searches the library (`GET /admin/media.json?q=`), uploads a new
 * image (`POST /admin/media`, multipart, answered in JSON), and then lets the writer check the alt
 * text, caption and credit the library holds before the image is used. The body editor inserts the
 * result as an image block; the lead image fieldset fills its fields from it. Every text reaches the
 * page through `textContent` or an attribute, never as markup.
 */

/** An image as the editor uses it: what an image block (and the lead image fields) hold. */
export interface PickedImage {
  src: string;
  alt: string;
  caption: string;
  credit: string;
  width: number | null;
  height: number | null;
  mediaId: number | null;
}

interface LibraryItem {
  id: number;
  url: string;
  name: string | null;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  variants: Array<{ url: string; width: number; type: string }>;
}

export interface MediaPickerConfig {
  searchUrl: string;
  uploadUrl: string;
  csrf: string;
  say: (key: string, values?: Record<string, string>) => string;
}

export interface MediaPicker {
  /** Opens at the library (search and upload); resolves with the chosen image, or null if cancelled. */
  choose(purpose: 'body' | 'lead'): Promise<PickedImage | null>;
  /** Opens at the texts of an image already in use (alt, caption, credit), for editing. */
  edit(image: PickedImage): Promise<PickedImage | null>;
}

/** The narrowest file of the fallback type at least `min` wide: a thumbnail that is still sharp. */
export function thumbnailOf(item: Pick<LibraryItem, 'url' | 'variants'>, min = 320): string {
  const fallback = item.variants.filter((v) => v.type === 'image/jpeg' || v.type === 'image/png');
  const wide = fallback.filter((v) => v.width >= min).sort((a, b) => a.width - b.width);
  return wide[0]?.url ?? fallback[fallback.length - 1]?.url ?? item.url;
}

/** What the picker says above its results: none, all of them, or the newest few of many. */
export function countLine(total: number, shown: number): { key: string; values: Record<string, string> } {
  if (total === 0) return { key: 'editor.picker.none', values: {} };
  if (shown < total)
    return { key: 'editor.picker.countMore', values: { count: String(total), shown: String(shown) } };
  return { key: 'editor.picker.count', values: { count: String(total) } };
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function field(id: string, label: string, input: HTMLInputElement | HTMLTextAreaElement): HTMLElement {
  input.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), input);
}

export function createMediaPicker(config: MediaPickerConfig): MediaPicker {
  const { say } = config;
  const title = el('h2', { id: 'media-picker-title' });

  // Step 1: the library and the upload form.
  const search = el('input', { type: 'search', autocomplete: 'off' });
  const count = el('p', { class: 'media-picker-count muted', role: 'status', 'aria-live': 'polite' });
  const results = el('ul', { class: 'media-picker-results' });
  const file = el('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/avif,image/gif' });
  const uploadAlt = el('input', { type: 'text', maxlength: '1000' });
  const uploadCaption = el('input', { type: 'text', maxlength: '2000' });
  const uploadCredit = el('input', { type: 'text', maxlength: '2000' });
  const uploadButton = el('button', { type: 'button', class: 'button' }, say('picker.uploadButton'));
  const uploadError = el('p', { class: 'field-error', role: 'alert' });
  const chooseStep = el(
    'div',
    { class: 'media-picker-choose' },
    field('media-picker-q', say('picker.search'), search),
    count,
    results,
    el(
      'fieldset',
      { class: 'media-picker-upload' },
      el('legend', {}, say('picker.upload')),
      field('media-picker-file', say('picker.file'), file),
      field('media-picker-upload-alt', say('picker.alt'), uploadAlt),
      field('media-picker-upload-caption', say('picker.caption'), uploadCaption),
      field('media-picker-upload-credit', say('picker.credit'), uploadCredit),
      uploadError,
      el('div', {}, uploadButton),
    ),
  );

  // Step 2: the chosen image and its texts, reused from the library and editable here.
  const preview = el('img', { class: 'media-picker-preview', alt: '' });
  const alt = el('input', { type: 'text', maxlength: '1000', 'aria-describedby': 'media-picker-alt-error' });
  const caption = el('input', { type: 'text', maxlength: '2000' });
  const credit = el('input', { type: 'text', maxlength: '2000' });
  const altError = el('p', { class: 'field-error', id: 'media-picker-alt-error' });
  const confirm = el('button', { type: 'button', class: 'button button--primary' });
  const back = el('button', { type: 'button', class: 'button' }, say('picker.back'));
  const detailsStep = el(
    'div',
    { class: 'media-picker-details' },
    preview,
    field('media-picker-alt', say('picker.alt'), alt),
    altError,
    field('media-picker-caption', say('picker.caption'), caption),
    field('media-picker-credit', say('picker.credit'), credit),
    el('div', { class: 'media-picker-actions' }, confirm, back),
  );

  const cancel = el('button', { type: 'button', class: 'button media-picker-cancel' }, say('picker.cancel'));
  const dialog = el(
    'dialog',
    { class: 'media-picker', 'aria-labelledby': 'media-picker-title' },
    el('div', { class: 'media-picker-head' }, title, cancel),
    chooseStep,
    detailsStep,
  );
  document.body.append(dialog);

  let current: PickedImage | null = null;
  let finish: ((image: PickedImage | null) => void) | null = null;
  let searchTimer: number | undefined;
  let searchSeq = 0;

  function showStep(step: 'choose' | 'details') {
    chooseStep.hidden = step !== 'choose';
    detailsStep.hidden = step !== 'details';
    (step === 'choose' ? search : alt).focus();
  }

  function done(image: PickedImage | null) {
    const resolve = finish;
    finish = null;
    if (dialog.open) dialog.close();
    resolve?.(image);
  }

  function showDetails(image: PickedImage, thumbnail: string, canGoBack: boolean) {
    current = image;
    preview.src = thumbnail;
    alt.value = image.alt;
    caption.value = image.caption;
    credit.value = image.credit;
    altError.textContent = '';
    alt.removeAttribute('aria-invalid');
    back.hidden = !canGoBack;
    showStep('details');
  }

  const fromItem = (item: LibraryItem): PickedImage => ({
    src: item.url,
    alt: item.alt,
    caption: item.caption ?? '',
    credit: item.credit ?? '',
    width: item.width,
    height: item.height,
    mediaId: item.id,
  });

  async function load() {
    const seq = ++searchSeq;
    const url = `${config.searchUrl}?${new URLSearchParams({ q: search.value.trim(), limit: '24' })}`;
    try {
      const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      const answer = (await res.json()) as { total: number; items: LibraryItem[] };
      if (seq !== searchSeq) return;
      results.replaceChildren(
        ...answer.items.map((item) => {
          const label = item.alt || item.name || `#${item.id}`;
          const button = el(
            'button',
            { type: 'button', class: 'media-picker-item', 'data-media-id': String(item.id) },
            el('img', {
              src: thumbnailOf(item),
              alt: '',
              width: String(item.width),
              height: String(item.height),
              loading: 'lazy',
            }),
            el('span', {}, label),
          );
          button.addEventListener('click', () => showDetails(fromItem(item), thumbnailOf(item, 640), true));
          return el('li', {}, button);
        }),
      );
      const line = countLine(answer.total, answer.items.length);
      // The page hands the script its messages without the `editor.` prefix.
      count.textContent = say(line.key.replace(/^editor\./, ''), line.values);
    } catch (error) {
      if (seq !== searchSeq) return;
      results.replaceChildren();
      count.textContent = say('picker.loadFailed', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async function upload() {
    uploadError.textContent = '';
    const chosen = file.files?.[0];
    if (!chosen) {
      uploadError.textContent = say('picker.noFile');
      file.focus();
      return;
    }
    const data = new FormData();
    data.append('alt', uploadAlt.value);
    data.append('caption', uploadCaption.value);
    data.append('credit', uploadCredit.value);
    data.append('file', chosen);
    uploadButton.disabled = true;
    uploadButton.textContent = say('picker.uploading');
    try {
      const res = await fetch(config.uploadUrl, {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'x-csrf-token': config.csrf },
      });
      const answer = (await res.json().catch(() => ({}))) as Partial<LibraryItem> & { error?: string };
      if (!res.ok || typeof answer.id !== 'number') {
        uploadError.textContent = say('picker.uploadFailed', { reason: answer.error ?? String(res.status) });
        return;
      }
      const item = answer as LibraryItem;
      file.value = '';
      uploadAlt.value = uploadCaption.value = uploadCredit.value = '';
      showDetails(fromItem(item), thumbnailOf(item, 640), true);
    } catch {
      uploadError.textContent = say('picker.uploadFailed', { reason: say('autosave.offline') });
    } finally {
      uploadButton.disabled = false;
      uploadButton.textContent = say('picker.uploadButton');
    }
  }

  search.addEventListener('input', () => {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(() => void load(), 250);
  });
  // Enter in the search box searches at once instead of submitting anything.
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    window.clearTimeout(searchTimer);
    void load();
  });
  uploadButton.addEventListener('click', () => void upload());
  back.addEventListener('click', () => showStep('choose'));
  cancel.addEventListener('click', () => done(null));
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    done(null);
  });
  confirm.addEventListener('click', () => {
    if (!current) return;
    if (alt.value.trim() === '') {
      altError.textContent = say('picker.altMissing');
      alt.setAttribute('aria-invalid', 'true');
      alt.focus();
      return;
    }
    done({
      ...current,
      alt: alt.value.trim(),
      caption: caption.value.trim(),
      credit: credit.value.trim(),
    });
  });

  function open(): Promise<PickedImage | null> {
    if (finish) done(null);
    dialog.showModal();
    return new Promise((resolve) => {
      finish = resolve;
    });
  }

  return {
    choose(purpose) {
      title.textContent = say(purpose === 'lead' ? 'picker.leadTitle' : 'picker.title');
      confirm.textContent = say(purpose === 'lead' ? 'picker.useLead' : 'picker.insert');
      const result = open();
      showStep('choose');
      void load();
      return result;
    },
    edit(image) {
      title.textContent = say('picker.editTitle');
      confirm.textContent = say('picker.update');
      const result = open();
      showDetails(image, image.src, false);
      return result;
    },
  };
}
