import { startRoundRobin } from '../tests/helpers/round-robin';

/**
 * The bench's load balancer in a process of its own (so the bytes it
 * relays cost neither the bench's clients nor the servers): round-robin over
 * the ports given as arguments; prints {"port": n} when it listens.
 */
const ports = process.argv.slice(2).map(Number);
if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p <= 0)) {
  process.stderr.write('usage: balancer.ts <port>...\n');
  process.exit(2);
}
const balancer = await startRoundRobin(ports);
process.stdout.write(JSON.stringify({ port: balancer.port }) + '\n');
process.on('SIGTERM', () => void balancer.close().then(() => process.exit(0)));
