import { createHash } from 'node:crypto';
import { VERIFY_PATH, type ExportDocument, type ExportFormat } from '../../lib/export';
import { canExportMinutes } from '../../lib/policy';
import type { Meeting } from '../db/schema';
import { conflict, forbidden } from '../errors';
import { meetingContext } from '../meeting/context';
import { meetingContent } from '../meeting/content';
import type { MeetingDocs } from '../meeting/docs';
import { factDataOf } from '../meeting/state';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';
import { renderDocx } from './docx';
import { buildMinutesDocument } from './minutes-document';
import type { MinutesDocument } from './model';
import { renderPdf } from './pdf';
import type { DocumentSource, RecordContent } from './record-parts';
import { buildResolutionDocument } from './resolution-document';
import { verifyExport, type VerifyInput, type VerifyResult } from './verify';

const EXPORT_MIME: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface ExportedFile {
  name: string;
  mime: string;
  data: Buffer;
  status: 'approved' | 'draft';
}

/** Who asks, from where, and the address this installation is reached at (for the verification line). */
export interface ExportRequest {
  address: string | null;
  origin: string;
}

function renderDocument(model: MinutesDocument, format: ExportFormat): Promise<Buffer> {
  return format === 'pdf' ? renderPdf(model) : renderDocx(model);
}

const FILE_BASE: Record<ExportDocument, Record<MinutesDocument['language'], string>> = {
  minutes: { vi: 'bien-ban', en: 'minutes' },
  resolution: { vi: 'nghi-quyet', en: 'resolution' },
};

/**
 * "bien-ban-2026-11-05.pdf", "nghi-quyet-2026-11-05-du-thao.docx", "resolution-2026-11-05.pdf"; ASCII, so
 * every browser and mail client keeps it.
 */
function fileName(meeting: Meeting, model: MinutesDocument, format: ExportFormat): string {
  const day = meeting.starts_at.slice(0, 10);
  const base = FILE_BASE[model.document][model.language];
  const draft = model.status === 'draft' ? (model.language === 'vi' ? '-du-thao' : '-draft') : '';
  return `${base}-${day}${draft}.${format}`;
}

const BUILDERS: Record<ExportDocument, (source: DocumentSource) => MinutesDocument> = {
  minutes: buildMinutesDocument,
  resolution: buildResolutionDocument,
};

/**
 * Exports of minutes, and of the resolution drawn from them, as documents,
 * and their verification. Both are built from the sealed version (the
 * canonical content that was hashed) for approved minutes, and from the live
 * document for drafts.
 */
export function createExports(services: Services, docs: MeetingDocs, timeZone: string) {
  const db = services.db;

  /** What the document is built from; approved minutes only from a sealed version that still hashes to its seal. */
  async function sourceOf(meeting: Meeting, verifyUrl: string): Promise<DocumentSource> {
    const members = await services.organisations.listMembers(meeting.cell_id);
    const cell = await services.organisations.getCell(meeting.cell_id);
    const common = {
      meeting,
      members,
      chairId: meeting.chair_id,
      secretaryId: meeting.secretary_id,
      timeZone,
      verifyUrl,
      organisation: { cellName: cell?.name ?? null, committeeName: cell?.committeeName ?? null },
    };
    if (meeting.state === 'approved') {
      const version = await db
        .selectFrom('minutes_versions')
        .selectAll()
        .where('meeting_id', '=', meeting.id)
        .where('name', '=', 'approved')
        .executeTakeFirst();
      if (!version) throw conflict('sealed_version_missing');
      // A stored version that no longer hashes to its seal is not exported as the record.
      const hash = createHash('sha256').update(version.content, 'utf8').digest('hex');
      if (hash !== version.content_hash || hash !== meeting.content_hash) throw conflict('sealed_record_altered');
      const content = JSON.parse(version.content) as RecordContent;
      return { ...common, content, facts: null, seal: { hash, approvedAt: version.created_at } };
    }
    const { content, facts } = await docs.read(meeting.id, (doc) => ({
      content: meetingContent(meeting, doc) as unknown as RecordContent,
      facts: factDataOf(meeting, members, doc, timeZone),
    }));
    return { ...common, content, facts, seal: null };
  }

  /** A document of a meeting's record, without asking the policy: for callers that asked already. */
  async function documentOf(
    meeting: Meeting,
    verifyUrl: string,
    document: ExportDocument = 'minutes',
  ): Promise<MinutesDocument> {
    return BUILDERS[document](await sourceOf(meeting, verifyUrl));
  }

  /**
   * The minutes, or the resolution drawn from them, as a document for a user
   * the policy lets export the minutes (404 for one who may not know the
   * meeting, 403 for one who may read but not export it): the resolution is
   * the minutes' own content, under the same rule. Exports of approved or
   * secret minutes go to the audit log, the print page's as well as the
   * files', saying which document.
   */
  async function documentFor(
    user: SessionUser,
    meetingId: string,
    via: ExportFormat | 'print',
    request: ExportRequest,
    document: ExportDocument = 'minutes',
  ): Promise<{ meeting: Meeting; model: MinutesDocument }> {
    const ctx = await meetingContext(services, meetingId, user);
    if (!canExportMinutes(ctx.subject, ctx.resource)) throw forbidden();
    const model = await documentOf(ctx.meeting, `${request.origin}${VERIFY_PATH}`, document);
    if (ctx.meeting.state === 'approved' || ctx.meeting.classification === 'secret') {
      await services.audit.record({
        action: 'minutes.exported',
        actorId: user.id,
        cellId: ctx.meeting.cell_id,
        meetingId: ctx.meeting.id,
        address: request.address,
        details: {
          document,
          format: via,
          status: model.status,
          classification: ctx.meeting.classification,
          ...(model.seal ? { hash: model.seal.hash } : {}),
        },
      });
    }
    return { meeting: ctx.meeting, model };
  }

  return {
    documentOf,

    documentFor,

    /** The minutes, or the resolution drawn from them, as a DOCX or PDF file, under the same rules as documentFor. */
    async exportMinutes(
      user: SessionUser,
      meetingId: string,
      format: ExportFormat,
      request: ExportRequest,
      document: ExportDocument = 'minutes',
    ): Promise<ExportedFile> {
      const { meeting, model } = await documentFor(user, meetingId, format, request, document);
      const data = await renderDocument(model, format);
      return { name: fileName(meeting, model, format), mime: EXPORT_MIME[format], data, status: model.status };
    },

    /** Whether a file (minutes or resolution) or a hash matches sealed minutes (see verify.ts). */
    verify(input: VerifyInput): Promise<VerifyResult> {
      return verifyExport(services, input);
    },
  };
}

export type Exports = ReturnType<typeof createExports>;
