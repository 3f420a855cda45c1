import { startApp, type RunningApp } from '../../server/app';
import { DEFAULT_LIMITS, type CollabLimits } from '../../server/collab/limits';
import { loadConfig } from '../../server/config';

export interface InProcessServer {
  app: RunningApp;
  wsUrl: string;
  url: string;
  secret: string;
}

/**
 * The real server (services, meeting record, collaboration server, HTTP) in
 * the test's own process, without the Next.js pages, so a test can call the
 * same operations the pages call and watch real clients receive the result.
 */
export async function startInProcess(
  dataDir: string,
  env: Record<string, string> = {},
  limits: Partial<CollabLimits> = {},
): Promise<InProcessServer> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    BIENBAN_NEXT: 'off',
    NODE_ENV: 'production',
    ...env,
  });
  const app = await startApp(config, { ...DEFAULT_LIMITS, UNLOAD_GRACE_MS: 500, ...limits });
  return {
    app,
    wsUrl: `ws://127.0.0.1:${app.port}/collab`,
    url: `http://127.0.0.1:${app.port}`,
    secret: config.authSecret,
  };
}
