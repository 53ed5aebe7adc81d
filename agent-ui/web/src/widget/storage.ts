// What the widget keeps in the browser, per site: the visitor token, the visitor's name and email
// if given, and the messages not yet acknowledged. localStorage can be unavailable (private modes,
// blocked storage): the chat then works for the page's lifetime only.

import type { Pending } from './protocol';

export class SiteStorage {
  private readonly prefix: string;
  private readonly memory = new Map<string, string>();

  constructor(site: string) {
    this.prefix = `contacthub.${site}.`;
  }

  get(key: string): string | null {
    try {
      return window.localStorage.getItem(this.prefix + key);
    } catch {
      return this.memory.get(key) ?? null;
    }
  }

  set(key: string, value: string | null): void {
    try {
      if (value === null) window.localStorage.removeItem(this.prefix + key);
      else window.localStorage.setItem(this.prefix + key, value);
    } catch {
      if (value === null) this.memory.delete(key);
      else this.memory.set(key, value);
    }
  }

  outbox(): Pending[] {
    try {
      const parsed: unknown = JSON.parse(this.get('outbox') ?? '[]');
      return Array.isArray(parsed) ? (parsed as Pending[]) : [];
    } catch {
      return [];
    }
  }

  saveOutbox(pending: Pending[]): void {
    this.set('outbox', pending.length ? JSON.stringify(pending) : null);
  }
}
