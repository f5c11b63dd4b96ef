import { baseKeymap, setBlockType, toggleMark, wrapIn, lift } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { MarkType, NodeType } from 'prosemirror-model';
import { type Command, EditorState } from 'prosemirror-state';
import { liftListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { EditorView } from 'prosemirror-view';
import type { Block } from '../../richtext/blocks.ts';
import { blocksToDoc, docToBlocks } from './convert.ts';
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

/**
 * Mounts the rich-text editor in `slot`, starting from `blocks`; `onChange` receives the body as
 * block JSON after every change. Returns a function that replaces the document (restore).
 */
export function mountRichText(
  slot: HTMLElement,
  blocks: Block[],
  messages: Messages,
  onChange: (blocks: Block[]) => void,
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
  const insertImage: Command = (state, dispatch) => {
    if (!dispatch) return true;
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
