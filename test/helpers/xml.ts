import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Reads XML back with an independent parser (fast-xml-parser), after checking it is well-formed.
 * Attributes appear as `@_name`; elements that may repeat are always arrays.
 */
export function parseXml(xml: string, repeated: readonly string[] = []): Record<string, unknown> {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, `not well-formed XML: ${JSON.stringify(valid)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => repeated.includes(name),
  });
  return parser.parse(xml) as Record<string, unknown>;
}

/** RFC 822 as RSS 2.0 requires, e.g. `Thu, 20 Jun 2024 09:30:00 GMT`. */
export const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/;
/** RFC 3339 as Atom and JSON Feed require. */
export const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** W3C Datetime (sitemaps, Google News). */
export const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
export const ABSOLUTE = /^https?:\/\/[^/\s]+\//;
