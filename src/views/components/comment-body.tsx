/** A run of a comment's text: plain text, a line break, or a link the reader wrote. */
export type CommentSegmentModel =
  { kind: 'text'; text: string } | { kind: 'link'; href: string; text: string } | { kind: 'break' };

/**
 * A comment's text: paragraphs, line breaks and links, every character escaped by Preact. Links a
 * reader wrote carry `rel="nofollow ugc noopener"` (no endorsement, user content, no window.opener).
 */
export function CommentBody({ paragraphs }: { paragraphs: ReadonlyArray<readonly CommentSegmentModel[]> }) {
  return (
    <div class="comment-body">
      {paragraphs.map((paragraph, p) => (
        <p key={p}>
          {paragraph.map((segment, s) =>
            segment.kind === 'text' ? (
              segment.text
            ) : segment.kind === 'break' ? (
              <br key={s} />
            ) : (
              <a key={s} href={segment.href} rel="nofollow ugc noopener">
                {segment.text}
              </a>
            ),
          )}
        </p>
      ))}
    </div>
  );
}
