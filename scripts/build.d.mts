/** Where `npm start` finds the built server (scripts/build.mjs). */
export declare const SERVER_BUNDLE: string;
/** Builds dist/server.mjs from src/main.ts; resolves with its path. */
export declare function buildServer(): Promise<string>;
