/** The body model's public surface: validate, parse, render. */
export type {
  Block,
  HeadingBlock,
  ImageBlock,
  ListBlock,
  Mark,
  ParagraphBlock,
  QuoteBlock,
  RichText,
} from './blocks.ts';
export { blocksToPlainText, checkBody, cleanText, isSafeUrl, readStoredBody } from './blocks.ts';
export { parseHtmlToBlocks } from './parse-html.ts';
export { hasTagFragments, parseTextToBlocks } from './parse-text.ts';
export {
  renderBlocks,
  renderFigure,
  renderInline,
  type RenderOptions,
  type ResponsiveImage,
} from './render.ts';
export { escapeHtml, jsonForScript, type SafeHtml } from './safe-html.ts';
