import type { FileHandle } from 'node:fs/promises';
import { Inflate } from 'fflate';

/**
 * Reads ZIP archives through their central directory, the index at the end
 * of the file. fflate's streaming reader finds where an entry ends by looking
 * for a signature inside the data (fflate's streaming writer leaves the sizes
 * out of the local headers), which a large database can contain by chance;
 * the central directory gives every entry's exact offset and sizes, and a
 * truncated file has none. Entries are inflated chunk by chunk with fflate.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const CENTRAL_BYTES = 46;
const LOCAL_BYTES = 30;
const MAX_COMMENT_BYTES = 0xffff;
const STORED = 0;
const DEFLATED = 8;
const READ_CHUNK_BYTES = 1024 * 1024;

/** Why an archive cannot be read, as a sentence. */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export interface ZipEntry {
  name: string;
  compression: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new ZipFormatError('the file ends early (truncated)');
  return buffer;
}

/** The archive's entries, from its central directory. */
export async function readZipDirectory(file: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  if (fileSize < EOCD_BYTES) throw new ZipFormatError('the file is too short to be a ZIP archive');
  const tailLength = Math.min(fileSize, EOCD_BYTES + MAX_COMMENT_BYTES);
  const tail = await readAt(file, fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tailLength - EOCD_BYTES; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_BYTES + tail.readUInt16LE(i + 20) === tailLength) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('no ZIP directory at its end (not a ZIP archive, or truncated)');
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff)
    throw new ZipFormatError('it is a ZIP64 archive, which backups never are');
  const directoryEnd = fileSize - tailLength + eocd;
  if (directoryOffset + directorySize !== directoryEnd)
    throw new ZipFormatError('its ZIP directory is not where its end record says (damaged or truncated)');

  const directory = await readAt(file, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + CENTRAL_BYTES > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw new ZipFormatError('its ZIP directory is damaged');
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      compression: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      size: directory.readUInt32LE(at + 24),
      localHeaderOffset: directory.readUInt32LE(at + 42),
      name: directory.toString('utf8', at + CENTRAL_BYTES, at + CENTRAL_BYTES + nameLength),
    };
    if (entry.localHeaderOffset + LOCAL_BYTES + entry.compressedSize > directoryOffset)
      throw new ZipFormatError(`its entry "${entry.name}" runs past the data`);
    entries.push(entry);
    at += CENTRAL_BYTES + nameLength + extraLength + commentLength;
  }
  if (at !== directory.length) throw new ZipFormatError('its ZIP directory is damaged');
  return entries;
}

/**
 * The content of one entry, in chunks, inflated as it is read. Stops with an
 * error when the content would exceed `maxBytes` (the size the caller
 * expects), so a damaged or hostile entry cannot fill the disk.
 */
export async function* readZipEntry(file: FileHandle, entry: ZipEntry, maxBytes: number): AsyncGenerator<Uint8Array> {
  if (entry.compression !== STORED && entry.compression !== DEFLATED)
    throw new ZipFormatError(`its entry "${entry.name}" uses an unknown compression (${entry.compression})`);
  const header = await readAt(file, entry.localHeaderOffset, LOCAL_BYTES);
  if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipFormatError(`its entry "${entry.name}" is damaged`);
  let position = entry.localHeaderOffset + LOCAL_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
  const end = position + entry.compressedSize;

  const pending: Uint8Array[] = [];
  let produced = 0;
  const take = (chunk: Uint8Array) => {
    produced += chunk.byteLength;
    if (produced > maxBytes) throw new ZipFormatError(`its entry "${entry.name}" is larger than it should be`);
    if (chunk.byteLength > 0) pending.push(chunk);
  };
  const inflate = entry.compression === DEFLATED ? new Inflate((chunk) => take(chunk)) : null;
  while (position < end) {
    const length = Math.min(READ_CHUNK_BYTES, end - position);
    const chunk = await readAt(file, position, length);
    position += length;
    try {
      if (inflate) inflate.push(chunk, position === end);
      else take(chunk);
    } catch (error) {
      if (error instanceof ZipFormatError) throw error;
      throw new ZipFormatError(`its entry "${entry.name}" does not decompress (damaged)`);
    }
    yield* pending.splice(0);
  }
  if (entry.compressedSize === 0 && inflate) throw new ZipFormatError(`its entry "${entry.name}" is empty`);
}
