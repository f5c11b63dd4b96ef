import type { Block } from '../../richtext/blocks.ts';
import { mountLeadPicker } from './lead-image.ts';
import { createMediaPicker } from './media-picker.ts';
import { mountRichText } from './rich-text.ts';

/**
 * The article editor's browser side: the rich-text body, autosave into a revision every few seconds,
 * a copy of unsaved text in localStorage (kept through a lost connection and sent when it returns),
 * and a warning before leaving with unsaved changes. Without this script the form still works.
 */
const AUTOSAVE_MS = 3000;

type Fields = Record<string, string | string[]>;

function readFields(form: HTMLFormElement): Fields {
  const fields: Fields = {};
  for (const [name, value] of new FormData(form)) {
    if (name === '_csrf' || name === 'version' || name === 'action' || typeof value !== 'string') continue;
    const existing = fields[name];
    if (name === 'authorIds') fields[name] = [...((existing as string[] | undefined) ?? []), value];
    else fields[name] = value;
  }
  fields.authorIds ??= [];
  return fields;
}

function writeFields(form: HTMLFormElement, fields: Fields) {
  for (const [name, value] of Object.entries(fields)) {
    const element = form.elements.namedItem(name);
    if (element instanceof HTMLSelectElement && element.multiple) {
      const values = new Set([value].flat());
      for (const option of element.options) option.selected = values.has(option.value);
    } else if (
      element instanceof HTMLInputElement ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement
    ) {
      element.value = String(value);
    }
  }
}

const same = (a: Fields, b: Fields) => JSON.stringify(a) === JSON.stringify(b);

function start() {
  const form = document.getElementById('article-editor') as HTMLFormElement | null;
  if (!form) return;
  const messages = JSON.parse(form.dataset.messages ?? '{}') as Record<string, string>;
  const say = (key: string, values: Record<string, string> = {}) =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '');
  const statusLine = document.getElementById('autosave-status');
  const setStatus = (state: string, text: string) => {
    if (!statusLine) return;
    statusLine.dataset.state = state;
    statusLine.textContent = text;
  };
  const body = form.elements.namedItem('body') as HTMLTextAreaElement;
  const slot = form.querySelector<HTMLElement>('.rich-editor-slot');
  const autosaveUrl = form.dataset.autosaveUrl;
  const version = form.dataset.version ?? '';
  const storageKey = `newsdesk:article:${form.dataset.articleId ?? 'new'}`;
  const csrf = (form.elements.namedItem('_csrf') as HTMLInputElement).value;

  // The media library, for those who may use it (the page names its addresses only for them).
  const picker =
    form.dataset.mediaSearch && form.dataset.mediaUpload
      ? createMediaPicker({
          searchUrl: form.dataset.mediaSearch,
          uploadUrl: form.dataset.mediaUpload,
          csrf,
          say,
        })
      : null;

  let parsed: Block[] = [];
  try {
    parsed = JSON.parse(body.value || '[]') as Block[];
  } catch {
    parsed = [];
  }
  const rich = slot
    ? mountRichText(
        slot,
        parsed,
        messages,
        (blocks) => {
          body.value = JSON.stringify(blocks);
          changed();
        },
        picker,
      )
    : null;
  const lead = picker ? mountLeadPicker(form, picker, say) : null;
  if (rich) form.classList.add('js-enhanced');

  let saved = readFields(form);
  let lastSent = saved;
  let submitting = false;
  let timer: number | undefined;
  let sending = false;

  const dirty = () => !same(readFields(form), saved);
  const keepLocally = () => {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ version, at: Date.now(), fields: readFields(form) }));
    } catch {
      // Storage full or disabled: autosave to the server still works.
    }
  };

  async function autosave() {
    timer = undefined;
    if (!autosaveUrl || sending) return;
    const fields = readFields(form!);
    if (same(fields, lastSent)) return;
    sending = true;
    setStatus('saving', say('autosave.saving'));
    try {
      const res = await fetch(autosaveUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ version: Number(version), fields }),
        credentials: 'same-origin',
      });
      if (!res.ok) {
        const answer = (await res.json().catch(() => ({}))) as { message?: string };
        setStatus('failed', say('autosave.failed', { reason: answer.message ?? String(res.status) }));
      } else {
        lastSent = fields;
        const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined, {
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        });
        setStatus('saved', say('autosave.saved', { time }));
      }
    } catch {
      setStatus('offline', say('autosave.offline'));
    } finally {
      sending = false;
    }
    if (!same(readFields(form!), lastSent)) schedule();
  }

  function schedule() {
    if (timer === undefined && autosaveUrl) timer = window.setTimeout(() => void autosave(), AUTOSAVE_MS);
  }

  function changed() {
    keepLocally();
    if (dirty()) {
      form!.dataset.dirty = 'true';
      schedule();
    } else {
      delete form!.dataset.dirty;
    }
  }

  // Text typed here but never saved (a closed tab, a lost connection): put it back, and save it.
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as {
      version: string;
      fields: Fields;
    } | null;
    if (stored && stored.version === version && !same(stored.fields, saved)) {
      writeFields(form, stored.fields);
      if (rich && typeof stored.fields.body === 'string')
        rich.setBlocks(JSON.parse(stored.fields.body) as Block[]);
      lead?.refresh();
      setStatus('restored', say('autosave.restored'));
      changed();
    } else if (stored && stored.version !== version) {
      localStorage.removeItem(storageKey);
    }
  } catch {
    localStorage.removeItem(storageKey);
  }
  if (statusLine && !statusLine.textContent && autosaveUrl) setStatus('idle', say('autosave.idle'));

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', () => {
    submitting = true;
    // The copy in localStorage stays until a page with a newer version replaces it: if this save
    // never arrives, the text is still there.
    saved = readFields(form);
  });
  window.addEventListener('online', () => void autosave());
  window.addEventListener('beforeunload', (event) => {
    if (submitting || !dirty()) return;
    event.preventDefault();
    event.returnValue = '';
  });
}

start();
