import { reactive } from 'vue';
import { hubApi } from '../api/hub';
import type { SearchHit } from '../api/types';

export const search = reactive({
  /** Whether the results replace the conversation in the middle. */
  active: false,
  query: '',
  hits: [] as SearchHit[],
  total: 0,
  nextCursor: null as string | null,
  loading: false,
  error: null as string | null,
});

let generation = 0;

export async function runSearch(query: string): Promise<void> {
  const q = query.trim();
  search.query = q;
  search.active = true;
  search.hits = [];
  search.total = 0;
  search.nextCursor = null;
  search.error = null;
  if (!q) return;
  const mine = ++generation;
  search.loading = true;
  try {
    const result = await hubApi.search(q, null);
    if (mine !== generation) return;
    search.hits = result.hits;
    search.total = result.total;
    search.nextCursor = result.nextCursor;
  } catch (e) {
    if (mine === generation) search.error = (e as Error).message;
  } finally {
    if (mine === generation) search.loading = false;
  }
}

export async function moreResults(): Promise<void> {
  if (!search.nextCursor || search.loading) return;
  const mine = generation;
  search.loading = true;
  try {
    const result = await hubApi.search(search.query, search.nextCursor);
    if (mine !== generation) return;
    search.hits.push(...result.hits);
    search.nextCursor = result.nextCursor;
  } catch (e) {
    search.error = (e as Error).message;
  } finally {
    if (mine === generation) search.loading = false;
  }
}

export function closeSearch(): void {
  generation++;
  search.active = false;
  search.loading = false;
}
