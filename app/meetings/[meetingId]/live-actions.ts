'use server';

import { getRuntime } from '../../../server/runtime';
import { runOperation } from '../../../server/web/operation';

/**
 * The live meeting operations as server actions. Each is a public endpoint:
 * the operation parses `input` with its schema and asks the permission policy
 * itself. The result reaches every browser through the document; `refresh`
 * is asked for where the page also renders what changed (state, roles).
 */
const live = () => getRuntime().meetings.live;

export async function setRolesAction(input: unknown) {
  return runOperation('setRoles', (user) => live().setRoles(user, input), { refresh: true });
}

export async function startMeetingAction(input: unknown) {
  return runOperation('start', (user) => live().start(user, input), { refresh: true });
}

export async function endMeetingAction(input: unknown) {
  return runOperation('end', (user) => live().end(user, input), { refresh: true });
}

export async function markAttendanceAction(input: unknown) {
  return runOperation('markAttendance', (user) => live().markAttendance(user, input));
}

export async function setCurrentSectionAction(input: unknown) {
  return runOperation('setCurrentSection', (user) => live().setCurrentSection(user, input));
}

export async function requestFloorAction(input: unknown) {
  return runOperation('requestFloor', (user) => live().requestFloor(user, input));
}

export async function withdrawFloorAction(input: unknown) {
  return runOperation('withdrawFloor', (user) => live().withdrawFloor(user, input));
}

export async function giveFloorAction(input: unknown) {
  return runOperation('giveFloor', (user) => live().giveFloor(user, input));
}

export async function finishFloorAction(input: unknown) {
  return runOperation('finishFloor', (user) => live().finishFloor(user, input));
}

export async function openVoteAction(input: unknown) {
  return runOperation('openVote', (user) => live().openVote(user, input));
}

export async function recordCountsAction(input: unknown) {
  return runOperation('recordCounts', (user) => live().recordCounts(user, input));
}

export async function castBallotAction(input: unknown) {
  return runOperation('castBallot', (user) => live().castBallot(user, input));
}

export async function closeVoteAction(input: unknown) {
  return runOperation('closeVote', (user) => live().closeVote(user, input));
}

export async function markReadBackAction(input: unknown) {
  return runOperation('markReadBack', (user) => live().markReadBack(user, input));
}

export async function acknowledgeAction(input: unknown) {
  return runOperation('acknowledge', (user) => live().acknowledge(user, input), { refresh: true });
}
