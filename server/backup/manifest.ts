import { z } from 'zod';
import { SECRET_FILE } from '../config';
import { SQLITE_FILE } from '../db/connection';

/** What a backup archive says it is, in its manifest. */
export const BACKUP_FORMAT = 'bienban-backup';

/** The layout of the archive this version writes and reads; a change of layout gets a new number. */
export const BACKUP_FORMAT_VERSION = 1;

/** The archive's entries: the manifest, the database, and the session secret when the data directory has one. */
export const MANIFEST_ENTRY = 'manifest.json';
export const DATABASE_ENTRY = SQLITE_FILE;
export const SECRET_ENTRY = SECRET_FILE;

/** A manifest is a few hundred bytes; a larger one is not ours. */
export const MANIFEST_MAX_BYTES = 64 * 1024;

const fileSchema = z.object({
  name: z.enum([DATABASE_ENTRY, SECRET_ENTRY]),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** First read of a manifest: enough to tell another file, or another version's layout, from a damaged one. */
export const manifestHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
});

export const manifestSchema = manifestHeaderSchema.extend({
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.iso.datetime(),
  /** The version of Biên Bản (package.json) that made the backup. */
  appVersion: z.string(),
  engine: z.literal('sqlite'),
  /** The schema migrations the database has had, in order: the last is its migration level. */
  migrations: z.array(z.string()),
  files: z
    .array(fileSchema)
    .refine((files) => new Set(files.map((f) => f.name)).size === files.length, 'a file is listed twice')
    .refine((files) => files.some((f) => f.name === DATABASE_ENTRY), 'the database is not listed'),
  /** For the operator's eyes: what the database holds. Not checked on restore. */
  contents: z.object({
    meetings: z.number().int().nonnegative(),
    attachments: z.number().int().nonnegative(),
    attachmentBytes: z.number().int().nonnegative(),
  }),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestFile = z.infer<typeof fileSchema>;
