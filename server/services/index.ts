import { DEFAULT_LOCALE, type Locale } from '../../lib/i18n';
import type { DbHandle } from '../db/connection';
import { createDocStore } from '../db/doc-store';
import { encodeInitialDocument } from '../collab/initial-document';
import { instantiateTemplate, templateTitle } from '../../lib/minutes/template';
import { createAccounts } from './accounts';
import { createAudit } from './audit';
import { createMeetings } from './meetings';
import { createOrganisations } from './organisations';
import { createTemplates } from './templates';
import { reviewItemsFor } from '../meeting/carry-over';
import { createSearch } from '../search/service';
import type { MailSettings } from '../mail/config';
import { createMailer } from '../mail/mailer';

/** Every domain service over one database, wired once per process. */
export function createServices(
  handle: DbHandle,
  options: { language: Locale; mail?: MailSettings; publicUrl?: string } = { language: DEFAULT_LOCALE },
) {
  const { db } = handle;
  const audit = createAudit(db);
  const accounts = createAccounts(db, audit);
  const organisations = createOrganisations(db);
  const templates = createTemplates(db);
  const docStore = createDocStore(handle);
  const meetings = createMeetings(db, async (meeting, editContent) => {
    const template = await templates.forKind(meeting.kind, options.language);
    const cell = await organisations.getCell(meeting.cell_id);
    const vars = {
      committee: cell?.committeeName ?? '',
      cell: cell?.name ?? '',
      place: meeting.place,
      startsAt: meeting.starts_at,
      topic: meeting.topic ?? undefined,
    };
    const content = instantiateTemplate(template, vars);
    return {
      title: templateTitle(template, vars),
      // The review of earlier meetings' unfinished tasks is there from the start; the server keeps it in step.
      update: encodeInitialDocument(editContent ? editContent(content) : content, {
        review: await reviewItemsFor(db, meeting),
      }),
    };
  });
  const search = createSearch(db);
  const mail = createMailer(db, options.mail ?? { transport: 'off' }, {
    language: options.language,
    publicUrl: options.publicUrl,
  });
  return { db, dialect: handle.dialect, accounts, organisations, templates, meetings, docStore, audit, search, mail };
}

export type Services = ReturnType<typeof createServices>;
