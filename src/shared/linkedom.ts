import { createRequire } from 'node:module';
import type * as LinkedomModule from 'linkedom';

type Linkedom = typeof LinkedomModule;

const require = createRequire(import.meta.url);
let loaded: Linkedom | undefined;

/**
 * linkedom, loaded the first time something parses HTML or XML (an import, a pasted body, a feed):
 * a reader-facing instance that never does keeps its 14 MB. Synchronous, so the parsers stay so.
 */
export function linkedom(): Linkedom {
  return (loaded ??= require('linkedom') as Linkedom);
}
