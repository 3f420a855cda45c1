'use client';

import dynamic from 'next/dynamic';

// Forms a few people get at one stage of a meeting: recording that it was not held (the cell's managers,
// before it), guidance (overseers, on approved minutes), a correction (those who kept the minutes, once
// approved). Each is loaded when the page renders it for someone, not with every meeting page.

export const NotHeldForm = dynamic(() => import('./not-held-form').then((m) => m.NotHeldForm));

export const GuidanceForm = dynamic(() => import('./guidance-form').then((m) => m.GuidanceForm));

export const AmendmentForm = dynamic(() => import('./amendment-form').then((m) => m.AmendmentForm));
