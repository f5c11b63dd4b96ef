import type admin from './messages/en/admin.json';
import type api from './messages/en/api.json';
import type comments from './messages/en/comments.json';
import type core from './messages/en/core.json';
import type feeds from './messages/en/feeds.json';
import type importer from './messages/en/import.json';
import type media from './messages/en/media.json';
import type reader from './messages/en/reader.json';
import type related from './messages/en/related.json';
import type search from './messages/en/search.json';
import type scale from './messages/en/scale.json';
import type editor from './messages/en/editor.json';
import type webhooks from './messages/en/webhooks.json';
import type readership from './messages/en/readership.json';

/**
 * Every message key, from the English catalogues (complete by definition). A feature that adds a
 * catalogue file adds its type here, one line each.
 */
export type MessageKey =
  | keyof typeof core
  | keyof typeof admin
  | keyof typeof api
  | keyof typeof comments
  | keyof typeof feeds
  | keyof typeof search
  | keyof typeof importer
  | keyof typeof media
  | keyof typeof reader
  | keyof typeof related
  | keyof typeof scale
  | keyof typeof editor
  | keyof typeof webhooks
  | keyof typeof readership;
