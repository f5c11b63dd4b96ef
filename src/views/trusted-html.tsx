import { jsonForScript, type SafeHtml } from '../richtext/index.ts';

/**
 * The only place a template outputs markup unescaped, and it accepts nothing but `SafeHtml`, which only
 * the block renderer makes. The linter forbids `dangerouslySetInnerHTML` in every other file.
 */
export function TrustedHtml({ html, className }: { html: SafeHtml; className?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Structured data as `<script type="application/ld+json">`, encoded so it cannot close its element. */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />;
}
