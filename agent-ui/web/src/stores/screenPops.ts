import { reactive } from 'vue';
import type { ScreenPop } from '../api/types';

/** Calls ringing (or just answered) for this agent, newest first, by call id. */
export const screenPops = reactive({
  calls: [] as ScreenPop[],
});

// How long an ended call stays on screen, so the agent sees why the panel goes away.
const LINGER_MS = 2500;

export function popOpened(pop: ScreenPop): void {
  const at = screenPops.calls.findIndex((c) => c.callId === pop.callId);
  if (at >= 0) screenPops.calls.splice(at, 1, { ...screenPops.calls[at], ...pop });
  else screenPops.calls.unshift(pop);
}

export function popUpdated(update: { callId: string; state?: string; answeredBy?: string }): void {
  const call = screenPops.calls.find((c) => c.callId === update.callId);
  if (!call) return;
  if (update.state) call.state = update.state;
  if (update.answeredBy !== undefined) call.answeredBy = update.answeredBy;
}

export function popClosed(close: { callId: string; state?: string }): void {
  const call = screenPops.calls.find((c) => c.callId === close.callId);
  if (!call) return;
  call.state = close.state ?? 'ended';
  setTimeout(() => dismissPop(close.callId), LINGER_MS);
}

export function dismissPop(callId: string): void {
  const at = screenPops.calls.findIndex((c) => c.callId === callId);
  if (at >= 0) screenPops.calls.splice(at, 1);
}
