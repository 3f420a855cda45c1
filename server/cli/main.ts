import { openServices } from '../bootstrap';
import { loadConfig, storageLocation } from '../config';
import { setLogLevel } from '../log';
import { findCommand, prepareCommand } from './commands';
import { describeError, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { helpText } from './help';

/**
 * The operator CLI: `npm run cli -- <command> [--flags]`. Non-interactive so
 * it can run from scripts and provisioning; results go to stdout as JSON,
 * errors to stderr with a non-zero exit code.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(helpText() + '\n');
    return EXIT_OK;
  }
  if (name === undefined) {
    process.stderr.write(helpText() + '\n');
    return EXIT_USAGE;
  }
  const command = findCommand(name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  // Flags are checked before the database is touched: a typo must not create a data directory.
  const input = prepareCommand(command, args);
  // The result is the JSON on stdout; the server's routine events (a meeting
  // sealed by seed-demo) would read as trouble on stderr. LOG_LEVEL still wins.
  if (process.env.LOG_LEVEL === undefined) setLogLevel('warn');
  // Like the server: what it creates in the data directory is the service user's alone.
  process.umask(0o077);
  let result: unknown;
  if ('runOnStorage' in command) {
    result = await command.runOnStorage(storageLocation(), input);
  } else {
    const config = loadConfig();
    const { handle, services } = await openServices(config);
    try {
      result = await command.run(services, input, { timeZone: config.timeZone });
    } finally {
      await handle.close();
    }
  }
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return command.exitCode?.(result) ?? EXIT_OK;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { message, exitCode } = describeError(error);
    process.stderr.write(message + '\n');
    process.exitCode = exitCode;
  },
);
