import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/connection';
import type { MeetingKind } from '../../lib/domain';
import { templateSchema, type MeetingTemplate } from '../../lib/minutes/template';
import { notFound } from '../errors';
import { projectRoot } from '../project-root';

/** Templates shipped with the product, one JSON file per meeting kind, read from the checkout (also by the compiled server). */
const shippedTemplatesDir = () => path.join(projectRoot(), 'server', 'templates');

/** Reads and validates the shipped template files; a broken file fails loudly with its name. */
export function readShippedTemplates(dir = shippedTemplatesDir()): MeetingTemplate[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const parsed = templateSchema.safeParse(JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
      if (!parsed.success) throw new Error(`Template ${name} is invalid: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** Meeting templates stored in the database, seeded from the shipped files. */
export function createTemplates(db: Db) {
  return {
    /** Inserts shipped templates that are not in the database yet; never overwrites an edited one. */
    async seedShipped(templates = readShippedTemplates()): Promise<number> {
      let inserted = 0;
      for (const template of templates) {
        const result = await db
          .insertInto('templates')
          .values({
            kind: template.kind,
            locale: template.locale,
            body: JSON.stringify(template),
            updated_at: new Date().toISOString(),
          })
          .onConflict((oc) => oc.columns(['kind', 'locale']).doNothing())
          .executeTakeFirst();
        inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      return inserted;
    },

    /**
     * The template for a meeting kind in the organisation's language, or in
     * another when the kind has none in it (party meetings are Vietnamese only).
     */
    async forKind(kind: MeetingKind, language: string): Promise<MeetingTemplate> {
      const rows = await db.selectFrom('templates').select(['locale', 'body']).where('kind', '=', kind).execute();
      const row = rows.find((r) => r.locale === language) ?? rows.sort((a, b) => b.locale.localeCompare(a.locale))[0];
      if (!row) throw notFound('template_not_found');
      return templateSchema.parse(JSON.parse(row.body));
    },

    /** Replaces a template after validating it (administrators edit templates as data). */
    async save(template: unknown): Promise<MeetingTemplate> {
      const parsed = templateSchema.parse(template);
      await db
        .insertInto('templates')
        .values({
          kind: parsed.kind,
          locale: parsed.locale,
          body: JSON.stringify(parsed),
          updated_at: new Date().toISOString(),
        })
        .onConflict((oc) =>
          oc
            .columns(['kind', 'locale'])
            .doUpdateSet({ body: JSON.stringify(parsed), updated_at: new Date().toISOString() }),
        )
        .execute();
      return parsed;
    },
  };
}

export type Templates = ReturnType<typeof createTemplates>;
