/**
 * Site chrome: what surrounds a story on its page and is not the story. Breadcrumbs, share buttons,
 * "You may also like", comment forms, newsletter boxes, ads. Used on the DOM before extraction and on
 * the lines of plain text, so both ways in drop the same things.
 */

/** Elements that are never part of a story's text. */
const NEVER_CONTENT =
  'script, style, noscript, template, iframe, frame, frameset, object, embed, applet, form, button, input, select, textarea, svg, canvas, nav, dialog, [hidden], [aria-hidden="true"], [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [role="dialog"], [style*="display:none"], [style*="display: none"], [style*="visibility:hidden"]';

/** class/id words of chrome boxes. Matched on word boundaries so `shared-story` is not `share`. */
const CHROME_NAME =
  /(^|[\s_-])(breadcrumbs?|share|sharing|sharebar|social|socials|share-?tools|related|relateds?|recommend(ed|ations)?|more-?stories|read-?more|read-?next|newsletter|subscribe|subscription|signup|sign-up|promo|promos|advert|advertisement|adv|ads?|ad-?slot|ad-?container|dfp|sponsor(ed)?|outbrain|taboola|comments?|comment-?form|disqus|respond|reply|popular|trending|most-?read|most-?popular|paywall|cookie|consent|modal|popup|toolbar|tags-?list|post-?tags|author-?box|about-?author|bio-?box|widget|sidebar|footer|masthead|site-?header|skip-?link|print-?only|visually-?hidden|sr-only|screen-?reader)([\s_-]|$)/i;

/** Headings that open a chrome block at the end of a story. */
export const CHROME_HEADING =
  /^(you may also like|you might also like|related( (stories|articles|posts|coverage|content|news))?|read (more|next|also)|more (from|on|in|stories)\b.*|recommended( for you| stories)?|most (read|popular|viewed)|popular( now| stories)?|trending( now)?|leave a (comment|reply)|comments?( \(\d+\))?|\d+ comments?|join the (conversation|discussion)|share (this|the) (article|story|post)|share|sign up\b.*|subscribe\b.*|newsletter|tags|topics|advertisement|editor'?s picks|what to read next|see also|також читайте|читайте також|вам може сподобатися|залишити коментар|коментарі)$/i;

/** Whole lines (paragraphs) that are chrome wherever they appear. */
export const CHROME_LINE =
  /^(advertisement|advertising|sponsored( content)?|ad|story continues below( advertisement)?|continue reading( (below|the main story))?|read more(:.*)?|(also )?read( also)?:.*|share (this|on)\b.*|share|tweet|email|print|click here to .*|sign up (for|to)\b.*|subscribe (to|now)\b.*|follow us on .*|image copyright.*|media playback is unsupported on your device|supported by|skip advertisement|loading\.{0,3}|\(?adsbygoogle.*|you may also like|leave a comment|related:.*|powered by .{2,40}|reklama|реклама)$/i;

/** A breadcrumb trail written out as text: "Home » World » Story". */
export const BREADCRUMB_LINE =
  /^(home|main|головна|главная|startseite|accueil|inicio)\s*(»|›|>|\/|\||→|·)\s*\S/i;

/** Removes elements that are never story text, and chrome boxes that hold only a small part of the page's text. */
export function removeChrome(document: Document): void {
  for (const el of Array.from(document.querySelectorAll(NEVER_CONTENT))) {
    // Keep the <noscript> fallback of lazy images: often the only real <img> a page has.
    if (el.tagName === 'NOSCRIPT' && /<img\b/i.test(el.innerHTML)) {
      el.outerHTML = el.innerHTML;
      continue;
    }
    el.remove();
  }
  const body = document.body;
  if (!body) return;
  const total = textLength(body);
  for (const el of Array.from(body.querySelectorAll('[class], [id]'))) {
    if (!el.isConnected || el.tagName === 'BODY' || el.tagName === 'HTML' || el.tagName === 'ARTICLE')
      continue;
    const name = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (!CHROME_NAME.test(name)) continue;
    // A "comments" or "share" class on the story's own wrapper must not take the story with it.
    const length = textLength(el);
    if (length > Math.max(600, total * 0.25)) continue;
    if (el.querySelectorAll('p').length > 6 && linkDensity(el) < 0.3) continue;
    el.remove();
  }
  removeChromeHeadings(body);
}

/** "You may also like" and its kind: the heading and the box after it go. */
function removeChromeHeadings(root: Element): void {
  for (const heading of Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6, p > strong:only-child'))) {
    const text = (heading.textContent ?? '').replace(/\s+/g, ' ').trim().replace(/[:.]$/, '');
    if (!CHROME_HEADING.test(text)) continue;
    const target = heading.tagName === 'STRONG' ? heading.parentElement! : heading;
    const next = target.nextElementSibling;
    if (next && (/^(UL|OL|DIV|SECTION|ASIDE)$/.test(next.tagName) || linkDensity(next) > 0.5)) next.remove();
    target.remove();
  }
}

export function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** The share of an element's text that sits inside links: menus and link lists are mostly links. */
export function linkDensity(el: Element): number {
  const length = textLength(el);
  if (length === 0) return 0;
  const linked = Array.from(el.querySelectorAll('a')).reduce((n, a) => n + textLength(a), 0);
  return linked / length;
}

/** Whether one paragraph of text is chrome rather than story. */
export function isChromeLine(text: string): boolean {
  const line = text.replace(/\s+/g, ' ').trim();
  return (
    CHROME_LINE.test(line) || CHROME_HEADING.test(line.replace(/[:.]$/, '')) || BREADCRUMB_LINE.test(line)
  );
}
