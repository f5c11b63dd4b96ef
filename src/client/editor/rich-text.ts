import { baseKeymap, setBlockType, toggleMark, wrapIn, lift } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { MarkType, NodeType } from 'prosemirror-model';
import { type Command, EditorState, TextSelection } from 'prosemirror-state';
import { liftListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import type { Node as PMNode } from 'prosemirror-model';
import { EditorView, type NodeView } from 'prosemirror-view';
import type { Block } from '../../richtext/blocks.ts';
import { blocksToDoc, docToBlocks } from './convert.ts';
import type { MediaPicker, PickedImage } from './media-picker.ts';
import { schema } from './schema.ts';

type Messages = Record<string, string>;

/** http(s), mailto, a site path or a fragment: the same rule the server's block checker applies. */
export function isSafeHref(value: string): boolean {
  const v = value.trim();
  if (!v || v.length > 2048) return false;
  if (v.startsWith('#')) return true;
  if (v.startsWith('/')) return !v.startsWith('//') && !v.startsWith('/\\');
  try {
    const url = new URL(v);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol);
  } catch {
    return false;
  }
}

function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  return empty
    ? Boolean(type.isInSet(state.storedMarks ?? $from.marks()))
    : state.doc.rangeHasMark(from, to, type);
}

function blockActive(state: EditorState, type: NodeType, attrs?: Record<string, unknown>): boolean {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d);
    if (node.type === type) return !attrs || Object.entries(attrs).every(([k, v]) => node.attrs[k] === v);
  }
  return false;
}

function imageAttrs(node: PMNode): PickedImage {
  const a = node.attrs as Record<string, unknown>;
  return {
    src: String(a.src),
    alt: String(a.alt ?? ''),
    caption: String(a.caption ?? ''),
    credit: String(a.credit ?? ''),
    width: typeof a.width === 'number' ? a.width : null,
    height: typeof a.height === 'number' ? a.height : null,
    mediaId: typeof a.mediaId === 'number' ? a.mediaId : null,
  };
}

/**
 * An image in the body as the writer sees it: the picture, its caption and credit, its alt text, and
 * (with the media picker) a button that opens its texts for editing.
 */
class ImageView implements NodeView {
  dom: HTMLElement;
  private img = document.createElement('img');
  private caption = document.createElement('figcaption');
  private alt = document.createElement('p');

  constructor(
    private node: PMNode,
    view: EditorView,
    getPos: () => number | undefined,
    private messages: Messages,
    picker: MediaPicker | null,
  ) {
    this.dom = document.createElement('figure');
    this.dom.className = 'editor-figure';
    this.alt.className = 'editor-figure-alt';
    this.dom.append(this.img, this.caption, this.alt);
    if (picker) {
      const edit = document.createElement('button');
      edit.type = 'button';
      edit.className = 'button editor-figure-edit';
      edit.textContent = messages['picker.editButton'] ?? 'Edit image';
      edit.addEventListener('click', () => {
        void picker.edit(imageAttrs(this.node)).then((image) => {
          const pos = getPos();
          if (!image || pos === undefined) return;
          view.dispatch(view.state.tr.setNodeMarkup(pos, null, { ...this.node.attrs, ...image }));
          view.focus();
        });
      });
      this.dom.append(edit);
    }
    this.render();
  }

  private render() {
    const messages = this.messages;
    const a = imageAttrs(this.node);
    this.img.src = a.src;
    this.img.alt = a.alt;
    if (a.width && a.height) {
      this.img.width = a.width;
      this.img.height = a.height;
    }
    const caption = [a.caption, a.credit].filter(Boolean).join(' — ');
    this.caption.textContent = caption;
    this.caption.hidden = caption === '';
    this.alt.textContent = a.alt
      ? `${messages['picker.altShown'] ?? 'Alt text:'} ${a.alt}`
      : (messages['picker.altNone'] ?? 'No alt text');
    this.alt.dataset.missing = String(!a.alt);
  }

  update(node: PMNode): boolean {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.render();
    return true;
  }

  stopEvent(event: Event): boolean {
    return event.target instanceof HTMLButtonElement;
  }

  ignoreMutation(): boolean {
    return true;
  }
}

/**
 * Mounts the rich-text editor in `slot`, starting from `blocks`; `onChange` receives the body as
 * block JSON after every change. With a media picker, the image button opens the library; without
 * one (a role that may not use the library) it asks for an address. Returns a function that replaces
 * the document (restore).
 */
export function mountRichText(
  slot: HTMLElement,
  blocks: Block[],
  messages: Messages,
  onChange: (blocks: Block[]) => void,
  picker: MediaPicker | null = null,
): { setBlocks(blocks: Block[]): void; view: EditorView } {
  const { marks, nodes } = schema;
  const toggleLink: Command = (state, dispatch) => {
    if (markActive(state, marks.link!)) return toggleMark(marks.link!)(state, dispatch);
    if (state.selection.empty) return false;
    if (!dispatch) return true;
    const href = window.prompt(messages['prompt.link'] ?? 'Link', 'https://');
    if (href === null || href.trim() === '') return false;
    if (!isSafeHref(href)) {
      window.alert(messages['prompt.badUrl']);
      return false;
    }
    return toggleMark(marks.link!, { href: href.trim() })(state, dispatch);
  };
  const insertPicked = (image: PickedImage) => {
    const tr = view.state.tr.replaceSelectionWith(nodes.image!.create(image));
    // Room to go on writing below a picture that ends the story (an empty last paragraph is not saved).
    if (tr.doc.lastChild?.type === nodes.image) {
      const end = tr.doc.content.size;
      tr.insert(end, nodes.paragraph!.create()).setSelection(TextSelection.create(tr.doc, end + 1));
    }
    view.dispatch(tr.scrollIntoView());
    view.focus();
  };
  const insertImage: Command = (state, dispatch) => {
    if (!dispatch) return true;
    if (picker) {
      void picker.choose('body').then((image) => image && insertPicked(image));
      return true;
    }
    const src = window.prompt(messages['prompt.imageSrc'] ?? 'Image', '');
    if (!src) return false;
    if (!isSafeHref(src) || src.trim().startsWith('mailto:')) {
      window.alert(messages['prompt.badUrl']);
      return false;
    }
    const alt = window.prompt(messages['prompt.imageAlt'] ?? 'Alt', '') ?? '';
    const caption = window.prompt(messages['prompt.imageCaption'] ?? 'Caption', '') ?? '';
    const credit = window.prompt(messages['prompt.imageCredit'] ?? 'Credit', '') ?? '';
    dispatch(
      state.tr
        .replaceSelectionWith(nodes.image!.create({ src: src.trim(), alt, caption, credit }))
        .scrollIntoView(),
    );
    return true;
  };
  const toggleQuote: Command = (state, dispatch) =>
    blockActive(state, nodes.blockquote!)
      ? lift(state, dispatch)
      : wrapIn(nodes.blockquote!)(state, dispatch);
  const toggleList =
    (type: NodeType): Command =>
    (state, dispatch) =>
      blockActive(state, type)
        ? liftListItem(nodes.list_item!)(state, dispatch)
        : wrapInList(type)(state, dispatch);

  const buttons: Array<{ key: string; label: string; run: Command; active?: (s: EditorState) => boolean }> = [
    {
      key: 'paragraph',
      label: 'P',
      run: setBlockType(nodes.paragraph!),
      active: (s) =>
        blockActive(s, nodes.paragraph!) &&
        !blockActive(s, nodes.list_item!) &&
        !blockActive(s, nodes.blockquote!),
    },
    {
      key: 'h2',
      label: 'H2',
      run: setBlockType(nodes.heading!, { level: 2 }),
      active: (s) => blockActive(s, nodes.heading!, { level: 2 }),
    },
    {
      key: 'h3',
      label: 'H3',
      run: setBlockType(nodes.heading!, { level: 3 }),
      active: (s) => blockActive(s, nodes.heading!, { level: 3 }),
    },
    { key: 'bold', label: 'B', run: toggleMark(marks.strong!), active: (s) => markActive(s, marks.strong!) },
    { key: 'italic', label: 'I', run: toggleMark(marks.em!), active: (s) => markActive(s, marks.em!) },
    {
      key: 'link',
      label: messages['toolbar.link'] ?? 'Link',
      run: toggleLink,
      active: (s) => markActive(s, marks.link!),
    },
    { key: 'quote', label: '“ ”', run: toggleQuote, active: (s) => blockActive(s, nodes.blockquote!) },
    {
      key: 'bulletList',
      label: '•',
      run: toggleList(nodes.bullet_list!),
      active: (s) => blockActive(s, nodes.bullet_list!),
    },
    {
      key: 'orderedList',
      label: '1.',
      run: toggleList(nodes.ordered_list!),
      active: (s) => blockActive(s, nodes.ordered_list!),
    },
    { key: 'image', label: messages['toolbar.image'] ?? 'Image', run: insertImage },
    { key: 'undo', label: '↶', run: undo },
    { key: 'redo', label: '↷', run: redo },
  ];

  const wrapper = document.createElement('div');
  wrapper.className = 'rich-editor';
  const toolbar = document.createElement('div');
  toolbar.className = 'rich-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', messages['toolbar.label'] ?? 'Formatting');
  const host = document.createElement('div');
  wrapper.append(toolbar, host);
  slot.replaceWith(wrapper);

  const plugins = [
    history(),
    keymap({
      'Mod-z': undo,
      'Shift-Mod-z': redo,
      'Mod-y': redo,
      'Mod-b': toggleMark(marks.strong!),
      'Mod-i': toggleMark(marks.em!),
      'Mod-k': toggleLink,
      Enter: splitListItem(nodes.list_item!),
    }),
    keymap(baseKeymap),
  ];
  const makeState = (b: Block[]) => EditorState.create({ doc: blocksToDoc(b), plugins });

  const elements = buttons.map((b) => {
    const el = document.createElement('button');
    el.type = 'button';
    el.textContent = b.label;
    const name = messages[`toolbar.${b.key}`] ?? b.key;
    el.title = name;
    // The visible label is the accessible name (WCAG 2.5.3, "label in name"); the title says it in full.
    el.dataset.command = b.key;
    el.addEventListener('mousedown', (event) => event.preventDefault());
    el.addEventListener('click', () => {
      b.run(view.state, view.dispatch, view);
      view.focus();
    });
    toolbar.append(el);
    return { el, b };
  });
  const refresh = (state: EditorState) => {
    for (const { el, b } of elements) {
      if (b.active) el.setAttribute('aria-pressed', String(b.active(state)));
      el.disabled = !b.run(state);
    }
  };

  const view: EditorView = new EditorView(host, {
    state: makeState(blocks),
    nodeViews: {
      image: (node, v, getPos) => new ImageView(node, v, getPos, messages, picker),
    },
    attributes: {
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': messages.bodyLabel ?? 'Body',
      spellcheck: 'true',
    },
    dispatchTransaction(tr) {
      const state = view.state.apply(tr);
      view.updateState(state);
      refresh(state);
      if (tr.docChanged) onChange(docToBlocks(state.doc));
    },
  });
  refresh(view.state);
  return {
    view,
    setBlocks(next) {
      view.updateState(makeState(next));
      refresh(view.state);
    },
  };
}
