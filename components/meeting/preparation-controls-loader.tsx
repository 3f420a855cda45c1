'use client';

import dynamic from 'next/dynamic';
import { loadAgendaEditor } from './agenda-editor-loader';

// The preparation's client parts, each loaded when it first renders. The preparation section puts them
// in WhenTabShown, so that once the meeting runs, a member following it on a phone fetches them only
// if they open the preparation tab. Server-rendered, like the rest of the section, when they are shown.

const loadChecklist = () => import('./preparation-checklist').then((m) => m.PreparationChecklist);
const loadInviteeList = () => import('./invitee-list').then((m) => m.InviteeList);
const loadUploadForm = () => import('./attachment-upload-form').then((m) => m.AttachmentUploadForm);

export const PreparationChecklist = dynamic(loadChecklist);

export const InviteeList = dynamic(loadInviteeList);

export const AttachmentUploadForm = dynamic(loadUploadForm);

/**
 * Fetches the preparation's code, agenda editor included, without showing it
 * (see OfflinePartsWarmup): the same imports the parts make when they render,
 * so they find it loaded.
 */
export function fetchPreparationCode(): Promise<unknown> {
  return Promise.all([loadChecklist(), loadInviteeList(), loadUploadForm(), loadAgendaEditor()]);
}
