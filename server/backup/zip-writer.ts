import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, statSync, writeSync } from 'node:fs';
import { Zip, ZipDeflate } from 'fflate';
import { BackupError } from './errors';

/**
 * fflate writes ZIP without ZIP64: sizes and offsets are 32-bit. Entries and
 * archives stay below 4 GiB with room for deflate's worst case (a few bytes
 * per 64 KiB block of incompressible data) and the headers.
 */
export const ZIP32_MAX_BYTES = 0xffff_ffff - 64 * 1024 * 1024;

/** Chunks read from a source file and handed to the compressor. */
const READ_CHUNK_BYTES = 1024 * 1024;

/** A file stored in an archive: its name there, size and SHA-256 of its content. */
export interface WrittenEntry<N extends string = string> {
  name: N;
  size: number;
  sha256: string;
}

/**
 * Writes a ZIP archive to a new file, one entry at a time, with fflate's
 * streaming compressor. fflate hands over compressed chunks synchronously,
 * and they are written at once, so memory holds one chunk of one entry
 * whatever the size of the files.
 */
export class ZipFileWriter {
  private readonly fd: number;
  private readonly zip: Zip;
  private written = 0;
  private failure: Error | null = null;
  private ended = false;
  private closed = false;

  /** Creates `file`, which must not exist yet. */
  constructor(file: string) {
    this.fd = openSync(file, 'wx', 0o600);
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.failure ??= error;
        return;
      }
      this.write(chunk);
      if (final) this.ended = true;
    });
  }

  private write(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.byteLength) offset += writeSync(this.fd, chunk, offset);
    this.written += chunk.byteLength;
    if (this.written > ZIP32_MAX_BYTES) throw tooLargeError();
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Adds the content of the file at `source` as `name`. */
  async addFile<N extends string>(name: N, source: string): Promise<WrittenEntry<N>> {
    if (statSync(source).size > ZIP32_MAX_BYTES) throw tooLargeError();
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(source, { highWaterMark: READ_CHUNK_BYTES })) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      size += bytes.byteLength;
      entry.push(bytes, false);
      this.check();
    }
    entry.push(new Uint8Array(0), true);
    this.check();
    return { name, size, sha256: hash.digest('hex') };
  }

  /** Adds `bytes` as `name`. */
  addBytes<N extends string>(name: N, bytes: Uint8Array): WrittenEntry<N> {
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    entry.push(bytes, true);
    this.check();
    return { name, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  /** Writes the central directory and closes the file; returns the archive's size in bytes. */
  finish(): number {
    try {
      this.zip.end();
      this.check();
      if (!this.ended) throw new Error('the archive was not completed');
      return this.written;
    } finally {
      this.close();
    }
  }

  /** Closes the file, complete or not (after a failure); the caller removes it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** The archive would pass the format's 4 GiB. */
export const tooLargeError = () =>
  new BackupError(
    'the database is too large for a backup archive (4 GiB at most); stop the server and copy the data directory instead',
  );
