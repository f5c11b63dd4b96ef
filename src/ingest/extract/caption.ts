/** Captions and credits as sites write them together in one line. */

const CREDIT_WORD =
  /^(?:photo|photograph|image|picture|illustration|collage|video|credit|source|getty|reuters|ap\b|afp|epa|фото|колаж|ілюстрація|джерело|©)/iu;

/** "Smoke over the city. Photo: Jane Doe/Reuters" → caption and credit apart. */
export function splitCaptionCredit(text: string): [string | null, string | null] {
  const match =
    /^(.*?)[\s.,;|/–—-]*\(?\b((?:photo|photograph|image|picture|illustration|collage|video|credit|source|фото|колаж|ілюстрація|джерело)\s*(?:by|:)?\s*.+?|(?:©|\(c\)|copyright)\s*.+?|(?:getty images|reuters|ap photo|afp|epa|shutterstock)\b.*?)\)?\s*$/iu.exec(
      text.trim(),
    );
  if (!match?.[2] || match[2].length > 120) return [text.trim() || null, null];
  return [match[1]?.trim() || null, match[2].trim()];
}

/** "Putin visited the DPRK for the first time in 24 years/Collage 24 Channel" → caption and credit. */
export function captionAndCredit(line: string): { caption: string; credit: string } | undefined {
  if (line.length > 300) return undefined;
  const slash = /^(.{10,}?)\s*[/|]\s*([^/|]{2,80})$/.exec(line);
  if (slash?.[1] && slash[2] && CREDIT_WORD.test(slash[2].trim())) {
    return { caption: slash[1].trim(), credit: slash[2].trim() };
  }
  const [caption, credit] = splitCaptionCredit(line);
  return caption && credit ? { caption, credit } : undefined;
}
