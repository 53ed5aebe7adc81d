import { reactive } from 'vue';
import { hubApi } from '../api/hub';
import type { CannedResponse } from '../api/types';

/** The team's canned responses, read once per session (and again on demand). */
export const canned = reactive({
  items: [] as CannedResponse[],
  loaded: false,
  error: null as string | null,
});

let loading: Promise<void> | null = null;

export function loadCanned(): Promise<void> {
  if (canned.loaded) return Promise.resolve();
  loading ??= hubApi
    .cannedResponses()
    .then((r) => {
      canned.items = r.items;
      canned.loaded = true;
      canned.error = null;
    })
    .catch((e: Error) => {
      canned.error = e.message;
    })
    .finally(() => {
      loading = null;
    });
  return loading;
}

/** Shortcut matches first, then titles and texts that contain the words typed. */
export function matchCanned(query: string): CannedResponse[] {
  const q = query.toLowerCase();
  const starts = canned.items.filter((c) => c.shortcut.startsWith(q));
  const rest = canned.items.filter(
    (c) =>
      !starts.includes(c) &&
      (c.title.toLowerCase().includes(q) || c.text.toLowerCase().includes(q)),
  );
  return [...starts, ...rest].slice(0, 8);
}
