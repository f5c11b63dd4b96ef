import type { VNode } from 'preact';
import type { ProvenanceModel } from '../models.ts';
import { usePage } from '../page-context.ts';

function MaybeLink({ name, href }: { name: string; href: string | null }) {
  return href ? <a href={href}>{name}</a> : <>{name}</>;
}

/**
 * The visible chain of credit: "Based on an analysis by Time · Original by Polina Buyanova, 24 Channel ·
 * Translated from Ukrainian", each name linking where its address is known.
 */
export function Provenance({ provenance }: { provenance: ProvenanceModel }) {
  const { i18n } = usePage();
  const parts: Array<Array<string | VNode>> = [];
  const p = provenance;
  if (p.basedOn) {
    parts.push(
      i18n.rich<VNode>('article.basedOn', {
        source: <MaybeLink name={p.basedOn.name} href={p.basedOn.href} />,
      }),
    );
  }
  const outletLink = p.outlet ? (
    <MaybeLink name={p.outlet.name} href={p.originalHref ?? p.outlet.href} />
  ) : null;
  if (p.originalAuthor && outletLink) {
    parts.push(i18n.rich<VNode>('article.originalBy', { author: p.originalAuthor, outlet: outletLink }));
  } else if (p.originalAuthor) {
    parts.push(i18n.rich<VNode>('article.originalByAuthor', { author: p.originalAuthor }));
  } else if (outletLink) {
    parts.push(i18n.rich<VNode>('article.originalOutlet', { outlet: outletLink }));
  }
  if (p.translatedFrom) {
    const credit = p.translator
      ? i18n.t('article.translatedFromBy', { language: p.translatedFrom, translator: p.translator })
      : i18n.t('article.translatedFrom', { language: p.translatedFrom });
    parts.push([p.translatedFromHref ? <a href={p.translatedFromHref}>{credit}</a> : credit]);
  }
  if (parts.length === 0) return null;
  return (
    <p class="provenance">
      <span class="visually-hidden">{i18n.t('article.provenance')}: </span>
      {parts.map((part, index) => (
        <span class="provenance-part" key={index}>
          {index > 0 && <span aria-hidden="true"> · </span>}
          {part}
        </span>
      ))}
      {p.originalHref && !p.outlet && (
        <span class="provenance-part">
          <span aria-hidden="true"> · </span>
          <a href={p.originalHref}>{i18n.t('article.readOriginal')}</a>
        </span>
      )}
    </p>
  );
}
