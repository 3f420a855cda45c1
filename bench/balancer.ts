import { startRoundRobin, type Routing } from '../tests/helpers/round-robin';

/**
 * The bench's load balancer in a process of its own (so the bytes it
 * relays cost neither the bench's clients nor the servers): round-robin over
 * the ports given as arguments, or by the request's path with --by-path (every
 * connection to one meeting to one instance); prints {"port": n} when it listens.
 */
const routing: Routing = process.argv[2] === '--by-path' ? 'by-path' : 'round-robin';
const ports = process.argv.slice(routing === 'by-path' ? 3 : 2).map(Number);
if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p <= 0)) {
  process.stderr.write('usage: balancer.ts [--by-path] <port>...\n');
  process.exit(2);
}
const balancer = await startRoundRobin(ports, routing);
process.stdout.write(JSON.stringify({ port: balancer.port }) + '\n');
process.on('SIGTERM', () => void balancer.close().then(() => process.exit(0)));
