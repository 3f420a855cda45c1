import type * as Y from 'yjs';
import { DocumentLockedError, type DocumentHooks } from '../collab/rooms';
import { conflict } from '../errors';
import { DEFAULT_TIME_ZONE } from '../../lib/format';
import { createOperations } from '../operations';
import type { Services } from '../services';
import type { MeetingDocs } from './docs';
import { createProjector } from './projector';
import { createExports } from '../export/service';
import { createRecords } from './records';
import { sealMeeting } from './seal';
import { createVersions } from './versions';
import { writeMirror } from './state';

/** What the meeting record needs from the collaboration server. */
export interface CollabAccess extends MeetingDocs {
  /** Applies the policy again to every live connection of a user. */
  revalidateUser(userId: string): Promise<void>;
}

/**
 * The meeting as a structured record, wired to the live documents. `hooks`
 * goes to the collaboration server (which then provides the documents), so
 * the document access is late-bound.
 */
export function createMeetingRecord(
  services: Services,
  options: { timeZone: string } = { timeZone: DEFAULT_TIME_ZONE },
) {
  let docs: MeetingDocs | null = null;
  const getDocs = (): MeetingDocs => {
    if (!docs) throw new Error('meeting documents used before the collaboration server was attached');
    return docs;
  };
  const projector = createProjector(services, getDocs);

  const hooks: DocumentHooks = {
    async opened(docId) {
      const meeting = await services.meetings.getMeeting(docId);
      if (!meeting) return { locked: false };
      // The row is the home of the meeting's state; a document loaded after a change it missed catches up.
      return {
        locked: meeting.state === 'approved',
        reconcile: meeting.state === 'approved' ? undefined : (doc: Y.Doc) => writeMirror(doc, meeting),
      };
    },
    changed: (docId, doc) => projector.changed(docId, doc),
    unloading: (docId, doc) => projector.projectNow(docId, doc),
  };

  return {
    hooks,
    /** Connects the record to the collaboration server's documents; returns the operations and read models. */
    attach(collab: CollabAccess) {
      // Sealed minutes refuse server changes too; callers hear it as a domain error.
      const meetingDocs: MeetingDocs = {
        change: async (docId, apply) => {
          try {
            return await collab.change(docId, apply);
          } catch (error) {
            if (error instanceof DocumentLockedError) throw conflict('meeting_locked');
            throw error;
          }
        },
        read: collab.read,
        lock: collab.lock,
        unlock: collab.unlock,
        revalidateDocument: collab.revalidateDocument,
      };
      docs = meetingDocs;
      const operations = createOperations({
        services,
        docs: meetingDocs,
        projector,
        timeZone: options.timeZone,
        seal: (meetingId, sealedBy) =>
          sealMeeting({ services, docs: meetingDocs, projector, timeZone: options.timeZone }, meetingId, sealedBy),
        revalidateUser: collab.revalidateUser,
        revalidateDocument: collab.revalidateDocument,
      });
      return {
        ...operations,
        records: createRecords(services, meetingDocs, options.timeZone),
        exports: createExports(services, meetingDocs, options.timeZone),
        versions: createVersions(services, meetingDocs, options.timeZone),
      };
    },
  };
}

export type MeetingOperations = ReturnType<ReturnType<typeof createMeetingRecord>['attach']>;
