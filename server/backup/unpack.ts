import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BackupError } from './errors';
import {
  BACKUP_FORMAT_VERSION,
  MANIFEST_ENTRY,
  MANIFEST_MAX_BYTES,
  manifestHeaderSchema,
  manifestSchema,
  type Manifest,
  type ManifestFile,
} from './manifest';
import { readZipDirectory, readZipEntry, ZipFormatError, type ZipEntry } from './zip-reader';

/** The archive cannot be restored, and why. */
export const unreadable = (archive: string, reason: string) =>
  new BackupError(`${archive} is not a Biên Bản backup that can be restored: ${reason}`);

/**
 * Reads the archive's manifest, then unpacks every file it lists into
 * `staging`, checking its size and SHA-256; returns the manifest. Only the
 * names a manifest may list are ever written, so nothing in the archive
 * chooses a path.
 */
export async function unpack(archive: string, staging: string): Promise<Manifest> {
  const file = await open(archive, 'r');
  try {
    const entries = await readZipDirectory(file, (await file.stat()).size);
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    if (byName.size !== entries.length) throw new ZipFormatError('an entry appears twice');
    const manifestEntry = byName.get(MANIFEST_ENTRY);
    if (!manifestEntry) throw new ZipFormatError(`it has no ${MANIFEST_ENTRY}`);
    const manifest = parseManifest(await readAll(file, manifestEntry, MANIFEST_MAX_BYTES));
    const listed = new Set<string>([MANIFEST_ENTRY, ...manifest.files.map((f) => f.name)]);
    const stray = entries.find((entry) => !listed.has(entry.name));
    if (stray) throw new ZipFormatError(`it holds "${stray.name}", which its manifest does not list`);
    for (const listedFile of manifest.files) {
      const entry = byName.get(listedFile.name);
      if (!entry) throw new ZipFormatError(`its manifest lists ${listedFile.name}, which is missing`);
      await extract(file, entry, listedFile, path.join(staging, listedFile.name));
    }
    return manifest;
  } catch (error) {
    if (error instanceof ZipFormatError) throw unreadable(archive, error.message);
    throw error;
  } finally {
    await file.close();
  }
}

async function readAll(file: FileHandle, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of readZipEntry(file, entry, maxBytes)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function parseManifest(bytes: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ZipFormatError(`its ${MANIFEST_ENTRY} is not JSON (damaged)`);
  }
  const header = manifestHeaderSchema.safeParse(json);
  if (!header.success) throw new ZipFormatError(`its ${MANIFEST_ENTRY} is not a Biên Bản backup manifest`);
  if (header.data.formatVersion !== BACKUP_FORMAT_VERSION)
    throw new ZipFormatError(
      `it is in backup format ${header.data.formatVersion}, and this version of Biên Bản reads format ` +
        `${BACKUP_FORMAT_VERSION}; restore it with the version that made it`,
    );
  const manifest = manifestSchema.safeParse(json);
  if (!manifest.success) {
    const issue = manifest.error.issues[0]!;
    throw new ZipFormatError(`its ${MANIFEST_ENTRY} is damaged (${issue.path.join('.')}: ${issue.message})`);
  }
  return manifest.data;
}

/** Writes one entry to `target`, checking its size and SHA-256 against the manifest. */
async function extract(file: FileHandle, entry: ZipEntry, expected: ManifestFile, target: string): Promise<void> {
  if (entry.size !== expected.size)
    throw new ZipFormatError(`${expected.name} has ${entry.size} bytes and its manifest says ${expected.size}`);
  const hash = createHash('sha256');
  let size = 0;
  const out = await open(target, 'wx', 0o600);
  try {
    for await (const chunk of readZipEntry(file, entry, expected.size)) {
      hash.update(chunk);
      size += chunk.byteLength;
      await out.write(chunk);
    }
    await out.sync();
  } finally {
    await out.close();
  }
  if (size !== expected.size || hash.digest('hex') !== expected.sha256)
    throw new ZipFormatError(`${expected.name} does not match the checksum in its manifest (the file is damaged)`);
}
