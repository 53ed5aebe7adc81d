import { reactive } from 'vue';
import type { User } from './api/types';

// Per tab: a reload keeps the agent logged in, closing the tab logs out.
const STORAGE_KEY = 'contact-hub.session';

interface Stored {
  token: string;
  user: User;
  expiresAt: number;
}

export const session = reactive({
  token: null as string | null,
  user: null as User | null,
  expiresAt: 0,
  /** Why the last session ended, shown on the login screen. */
  notice: null as string | null,
});

export function restoreSession(): void {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) return;
  try {
    const stored = JSON.parse(raw) as Stored;
    if (stored.expiresAt > Date.now()) {
      session.token = stored.token;
      session.user = stored.user;
      session.expiresAt = stored.expiresAt;
    }
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
  }
}

export function startSession(token: string, user: User, expiresInSeconds: number): void {
  session.token = token;
  session.user = user;
  session.expiresAt = Date.now() + expiresInSeconds * 1000;
  session.notice = null;
  const stored: Stored = { token, user, expiresAt: session.expiresAt };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
}

export function endSession(notice: string | null = null): void {
  session.token = null;
  session.user = null;
  session.expiresAt = 0;
  session.notice = notice;
  sessionStorage.removeItem(STORAGE_KEY);
}

const RANK: Record<User['role'], number> = { agent: 1, supervisor: 2, admin: 3 };

/** Roles nest: a supervisor has every right of an agent. */
export function hasRole(role: User['role']): boolean {
  return session.user !== null && RANK[session.user.role] >= RANK[role];
}
