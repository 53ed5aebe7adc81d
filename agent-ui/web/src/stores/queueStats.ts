import { computed, reactive, shallowRef } from 'vue';
import { hubApi } from '../api/hub';
import type { Figures, QueueStats } from '../api/types';

/** One point a second for the last hour, as the chart draws it. */
const HISTORY_SECONDS = 3600;

export const wall = reactive({
  stats: null as QueueStats | null,
  error: null as string | null,
  /** When the last snapshot arrived (browser clock), to show that the wall is current. */
  receivedAt: 0,
});

/** Columns of the chart: time (unix seconds), waiting, service level %. */
export const history = shallowRef<[number[], number[], (number | null)[]]>([[], [], []]);

export function applyStats(stats: QueueStats): void {
  wall.stats = stats;
  wall.receivedAt = Date.now();
  record(stats);
}

export async function loadStats(): Promise<void> {
  try {
    applyStats(await hubApi.queueStats());
    wall.error = null;
  } catch (e) {
    wall.error = (e as Error).message;
  }
}

function record(stats: QueueStats): void {
  const t = Math.floor(Date.parse(stats.at) / 1000);
  const [times, waiting, level] = history.value;
  const all = overall(stats.channels);
  // Several snapshots in one second: the newest wins.
  if (times.length && times[times.length - 1]! >= t) {
    times.pop();
    waiting.pop();
    level.pop();
  }
  times.push(t);
  waiting.push(all.waiting);
  level.push(all.serviceLevelPercent);
  const cut = times.findIndex((x) => x > t - HISTORY_SECONDS);
  if (cut > 0) {
    times.splice(0, cut);
    waiting.splice(0, cut);
    level.splice(0, cut);
  }
  history.value = [times, waiting, level];
}

/** Several rows' figures as one: counts add up, rates and averages are weighted by their base. */
export function overall(rows: Figures[]): Figures {
  const sum = (f: (r: Figures) => number) => rows.reduce((s, r) => s + f(r), 0);
  const answered = sum((r) => r.answered);
  const abandoned = sum((r) => r.abandoned);
  const handled = sum((r) => r.handled);
  const weighted = (f: (r: Figures) => number | null, base: (r: Figures) => number, total: number) =>
    total ? sum((r) => (f(r) ?? 0) * base(r)) / total : null;
  return {
    waiting: sum((r) => r.waiting),
    longestWaitSeconds: rows.reduce((m, r) => Math.max(m, r.longestWaitSeconds ?? 0), 0),
    answered,
    answeredInThreshold: sum((r) => r.answeredInThreshold),
    abandoned,
    shortAbandoned: sum((r) => r.shortAbandoned),
    handled,
    serviceLevelPercent:
      answered + abandoned ? (100 * sum((r) => r.answeredInThreshold)) / (answered + abandoned) : null,
    averageSpeedOfAnswerSeconds: weighted((r) => r.averageSpeedOfAnswerSeconds, (r) => r.answered, answered),
    abandonRatePercent: answered + abandoned ? (100 * abandoned) / (answered + abandoned) : null,
    averageHandleSeconds: weighted((r) => r.averageHandleSeconds, (r) => r.handled, handled),
  };
}

export const totals = computed(() => (wall.stats ? overall(wall.stats.channels) : null));
