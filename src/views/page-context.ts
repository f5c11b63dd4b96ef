import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translator } from '../i18n/i18n.ts';
import type { ChromeModel } from './models.ts';

export interface PageContextValue {
  i18n: Translator;
  chrome: ChromeModel;
}

export const PageContext = createContext<PageContextValue | null>(null);

/** The translator and site chrome of the page being rendered. */
export function usePage(): PageContextValue {
  const value = useContext(PageContext);
  if (!value) throw new Error('usePage() called outside renderPage()');
  return value;
}
