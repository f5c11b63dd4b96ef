import type { HighlightedText } from '../models.ts';

/** Text with its matching stretches in `<mark>`; every character is escaped by the renderer. */
export function Highlighted({ text }: { text: HighlightedText }) {
  return (
    <>
      {text.map((segment, index) => (segment.match ? <mark key={index}>{segment.text}</mark> : segment.text))}
    </>
  );
}
