/** What the admin chrome shows on every admin page. */
export interface AdminChromeModel {
  siteName: string;
  siteHref: string;
  user: { name: string; email: string; role: string } | null;
  nav: ReadonlyArray<{ key: string; label: string; href: string; current: boolean; badge?: number }>;
  /** The CSRF token for forms on this page (sign-out, and the page's own forms). */
  csrfToken: string;
  stylesheetHref: string;
  /** Further stylesheets of admin pages (the editor's). */
  extraStylesheets?: readonly string[];
  /** A page's own script (the editor's bundle), loaded as a module. */
  pageScript?: string;
  scriptHref?: string;
  iconHref: string;
}

/** A message shown at the top of a page after an action: "Saved.", "Signed out.", an error. */
export interface Notice {
  kind: 'success' | 'error' | 'info';
  text: string;
}
