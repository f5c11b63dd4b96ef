import type { Generated } from 'kysely';

export type Role = 'admin' | 'editor' | 'author' | 'contributor';
export type UserStatus = 'active' | 'invited' | 'disabled';

export interface UserTable {
  id: Generated<number>;
  /** Lowercased; unique. */
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  /** `scrypt$N$r$p$salt$hash`; null until an invited user sets a password. */
  password_hash: string | null;
  /** The public author profile this user writes as, if any. */
  author_id: number | null;
  /** SHA-256 of the invitation token (the token itself is only ever in the invitation link). */
  invite_token_hash: string | null;
  invite_expires_at: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie's token: a stolen database does not yield usable cookies. */
  id: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** Failed sign-ins per key ("account:<email>" or "ip:<address>"), for the growing lock-out. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}
