/**
 * Seeds a data directory with the product checkout this process was started
 * in (its working directory): `node --import tsx <bench>/seed-in-checkout.ts
 * <dataDir> <counts as JSON>`, run by seedInstallation in bench/seed.ts.
 * Prints the result as one line after SEEDED_MARK.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SEEDED_MARK, seedWith, type OpenServices, type SeedCounts } from './seed';

const [dataDir, counts] = process.argv.slice(2);
if (!dataDir || !counts) throw new Error('usage: seed-in-checkout.ts <dataDir> <counts as JSON>');
const bootstrap = path.join(process.cwd(), 'server', 'bootstrap.ts');
const { openServices } = (await import(pathToFileURL(bootstrap).href)) as { openServices: OpenServices };
const seeded = await seedWith(openServices, dataDir, JSON.parse(counts) as SeedCounts);
process.stdout.write(
  SEEDED_MARK +
    JSON.stringify({ ...seeded, templateState: Buffer.from(seeded.templateState).toString('base64') }) +
    '\n',
);
// The product may leave handles open (a password worker, a pool); the answer is out.
process.exit(0);
