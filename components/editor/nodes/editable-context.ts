'use client';

import { createContext, useContext } from 'react';

/**
 * Whether the minutes accept edits right now. Node views read it from here:
 * they are not re-rendered when the editor is switched to read-only, since
 * their node did not change.
 */
export const EditableContext = createContext(false);

export function useMinutesEditable(): boolean {
  return useContext(EditableContext);
}
