import { DocumentLockedError, type DocumentHooks } from '../collab/rooms';
import { conflict } from '../errors';
import type { Services } from '../services';
import type { MeetingDocs } from './docs';
import { createFollowUp } from './follow-up';
import { createLiveMeetings } from './live';
import { createProjector } from './projector';
import { createRecords } from './records';
import { sealMeeting } from './seal';

/**
 * The meeting as a structured record, wired to the live documents. `hooks`
 * goes to the collaboration server (which then provides `docs`), so the
 * document access is late-bound.
 */
export function createMeetingRecord(services: Services) {
  let docs: MeetingDocs | null = null;
  const getDocs = (): MeetingDocs => {
    if (!docs) throw new Error('meeting documents used before the collaboration server was attached');
    return docs;
  };
  const projector = createProjector(services, getDocs);

  const hooks: DocumentHooks = {
    async isLocked(docId) {
      return (await services.meetings.getMeeting(docId))?.state === 'approved';
    },
    changed: (docId, doc) => projector.changed(docId, doc),
    unloading: (docId, doc) => projector.projectNow(docId, doc),
  };

  return {
    hooks,
    /** Connects the record to the collaboration server's documents; returns the operations. */
    attach(collabDocs: MeetingDocs) {
      // Sealed minutes refuse server changes too; callers hear it as a domain error.
      const meetingDocs: MeetingDocs = {
        ...collabDocs,
        async change(docId, apply) {
          try {
            return await collabDocs.change(docId, apply);
          } catch (error) {
            if (error instanceof DocumentLockedError) throw conflict('meeting_locked');
            throw error;
          }
        },
      };
      docs = meetingDocs;
      const live = createLiveMeetings({
        services,
        docs: meetingDocs,
        afterChange: (meetingId) => {
          void meetingDocs.read(meetingId, (doc) => projector.projectNow(meetingId, doc));
        },
        seal: (meetingId, sealedBy) => sealMeeting({ services, docs: meetingDocs, projector }, meetingId, sealedBy),
      });
      return {
        live,
        followUp: createFollowUp({ services, docs: meetingDocs }),
        records: createRecords(services, meetingDocs),
      };
    },
  };
}

export type MeetingOperations = ReturnType<ReturnType<typeof createMeetingRecord>['attach']>;
