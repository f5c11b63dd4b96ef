import type { MediaPicker } from './media-picker.ts';

/**
 * The lead image fieldset with the media picker: a picture of the current lead image, a button that
 * opens the library and fills the fields (library number, address, alt text, caption, credit — all
 * still editable), and one that empties them. Without script the same fields are typed by hand.
 */
export function mountLeadPicker(
  form: HTMLFormElement,
  picker: MediaPicker,
  say: (key: string, values?: Record<string, string>) => string,
): { refresh(): void } | null {
  const fieldset = form.querySelector<HTMLFieldSetElement>('#lead-image-fields');
  if (!fieldset) return null;
  const input = (name: string) => form.elements.namedItem(name) as HTMLInputElement;
  const [mediaId, url, alt, caption, credit] = [
    'leadMediaId',
    'leadUrl',
    'leadAlt',
    'leadCaption',
    'leadCredit',
  ].map(input) as [HTMLInputElement, HTMLInputElement, HTMLInputElement, HTMLInputElement, HTMLInputElement];

  const preview = document.createElement('img');
  preview.className = 'lead-preview';
  preview.alt = '';
  const choose = document.createElement('button');
  choose.type = 'button';
  choose.className = 'button';
  choose.dataset.leadPicker = 'choose';
  choose.textContent = say('picker.leadChoose');
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'button';
  remove.dataset.leadPicker = 'remove';
  remove.textContent = say('picker.leadRemove');
  const bar = document.createElement('div');
  bar.className = 'lead-picker';
  bar.append(preview, choose, remove);
  fieldset.querySelector('legend')!.after(bar);

  const show = () => {
    // Only addresses on this site are shown here; a foreign address stays a typed field.
    const src = url.value.trim();
    const local = src.startsWith('/') && !src.startsWith('//');
    preview.hidden = !local;
    if (local) preview.src = src;
    else preview.removeAttribute('src');
    remove.hidden = src === '' && mediaId.value.trim() === '';
  };
  const set = (values: Record<string, string>) => {
    for (const [element, value] of [
      [mediaId, values.mediaId],
      [url, values.url],
      [alt, values.alt],
      [caption, values.caption],
      [credit, values.credit],
    ] as const) {
      element.value = value ?? '';
    }
    // The editor's autosave and unsaved-changes warning listen for this.
    form.dispatchEvent(new Event('change', { bubbles: true }));
    show();
  };

  choose.addEventListener('click', () => {
    void picker.choose('lead').then((image) => {
      if (!image) return;
      set({
        mediaId: image.mediaId ? String(image.mediaId) : '',
        url: image.src,
        alt: image.alt,
        caption: image.caption,
        credit: image.credit,
      });
      choose.focus();
    });
  });
  remove.addEventListener('click', () => {
    set({});
    choose.focus();
  });
  url.addEventListener('change', show);
  show();
  /** Shows the fields' image again after they were filled by other means (text restored from the browser). */
  return { refresh: show };
}
