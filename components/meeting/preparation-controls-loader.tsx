'use client';

import dynamic from 'next/dynamic';

// The preparation's client parts, each loaded when it first renders. The preparation section puts them
// in WhenTabShown, so that once the meeting runs, a member following it on a phone fetches them only
// if they open the preparation tab. Server-rendered, like the rest of the section, when they are shown.

export const PreparationChecklist = dynamic(() =>
  import('./preparation-checklist').then((m) => m.PreparationChecklist),
);

export const InviteeList = dynamic(() => import('./invitee-list').then((m) => m.InviteeList));

export const AttachmentUploadForm = dynamic(() =>
  import('./attachment-upload-form').then((m) => m.AttachmentUploadForm),
);
