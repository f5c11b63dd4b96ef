import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './shared/logger.ts';

/** Starts Newsdesk: configuration, app, demo content on first start, listening, graceful shutdown. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await createApp({ config, logger });
  await app.loadDemoIfEmpty();
  const address = await app.http.listen({ port: config.port, host: config.host });
  app.services.jobs.start();
  logger.info(
    // `address` is where this process listens (PORT=0 picks a free port: tests and benchmarks read it here).
    { startupMs: Math.round(performance.now() - startedAt), database: app.database.dialect, address },
    `Newsdesk is running at ${config.siteUrl}`,
  );

  // Memory once a minute, for operators and `npm run soak`: a heap or Buffer total that keeps rising
  // over hours is a leak; RSS alone also moves with the allocator and the collector's timing.
  const mib = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
  setInterval(() => {
    const m = process.memoryUsage();
    logger.info(
      {
        memory: {
          rss: mib(m.rss),
          heapUsed: mib(m.heapUsed),
          heapTotal: mib(m.heapTotal),
          external: mib(m.external),
          arrayBuffers: mib(m.arrayBuffers),
        },
      },
      'memory',
    );
  }, 60_000).unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    // Drain before closing: from now on every response says `Connection: close`, so clients that keep
    // connections open stop reusing them, each after an answer. Closing at once would drop the idle
    // kept-alive sockets, and with them a request a client was just sending on one (ECONNRESET).
    app.http.server.prependListener('request', (_request, response) => {
      response.shouldKeepAlive = false;
    });
    await new Promise((resolve) => setTimeout(resolve, SHUTDOWN_DRAIN_MS));
    await app.close();
    logger.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** How long a stopping server keeps answering, with `Connection: close`, before it stops listening. */
const SHUTDOWN_DRAIN_MS = 300;

main().catch((error: unknown) => {
  console.error('Newsdesk failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
