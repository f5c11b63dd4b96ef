import type admin from './messages/en/admin.json';
import type core from './messages/en/core.json';

/**
 * Every message key, from the English catalogues (complete by definition). A feature that adds a
 * catalogue file adds its type here, one line each.
 */
export type MessageKey = keyof typeof core | keyof typeof admin;
