import type { Migration } from 'kysely';
import * as m0001 from './0001_content.ts';
import * as m0002 from './0002_jobs.ts';
import * as m0003 from './0003_auth.ts';
import * as m0010 from './0010_editorial.ts';
import * as m0020 from './0020_comments.ts';
import * as m0030 from './0030_search.ts';
import * as m0031 from './0031_related.ts';
import * as m0032 from './0032_search_filters.ts';
import * as m0033 from './0033_related_language.ts';
import * as m0034 from './0034_related_counts.ts';
import * as m0040 from './0040_ingest.ts';
import * as m0050 from './0050_webhooks.ts';
import * as m0051 from './0051_readership.ts';
import * as m0080 from './0080_translations.ts';
import * as m0070 from './0070_cache.ts';
import * as m0071 from './0071_listing_indexes.ts';
import * as m0060 from './0060_media_library.ts';

/**
 * Every migration, in order. Listed here rather than read from the directory so the set is explicit,
 * type-checked and identical on every dialect. Feature work appends; a landed migration never changes.
 */
export const migrations: Record<string, Migration> = {
  '0001_content': m0001,
  '0002_jobs': m0002,
  '0003_auth': m0003,
  '0010_editorial': m0010,
  '0020_comments': m0020,
  '0030_search': m0030,
  '0031_related': m0031,
  '0032_search_filters': m0032,
  '0033_related_language': m0033,
  '0034_related_counts': m0034,
  '0040_ingest': m0040,
  '0050_webhooks': m0050,
  '0051_readership': m0051,
  '0080_translations': m0080,
  '0070_cache': m0070,
  '0071_listing_indexes': m0071,
  '0060_media_library': m0060,
};
