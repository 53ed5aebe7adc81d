// The chat socket: hello on every (re)connect with the last sequence number seen, exponential
// backoff with jitter between attempts, and an outbox resent after each welcome. The hub
// deduplicates by client id, so a resend never doubles a message; it replays everything after
// lastSeq, so a drop never loses one.

import type { ChatItem, ChatError, Pending, ServerFrame, Welcome } from './protocol';
import { SiteStorage } from './storage';

export interface ConnectionOptions {
  socketUrl: string;
  storage: SiteStorage;
  identifier?: string | undefined;
  identifierHash?: string | undefined;
  continueToken?: string | undefined;
}

export interface ConnectionEvents {
  state(online: boolean): void;
  welcome(w: Welcome): void;
  item(i: ChatItem): void;
  agentTyping(name: string): void;
  emailCodeSent(email: string): void;
  emailConfirmed(email: string): void;
  acked(clientId: string, offline: boolean): void;
  failed(e: ChatError): void;
  reset(): void;
}

const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 30_000;

export class Connection {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: number | undefined;
  private lastSeq: number;
  private continueToken: string | undefined;
  private profile: { name?: string; email?: string } = {};
  private codeFor: string | undefined;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly on: ConnectionEvents,
  ) {
    // Each page load starts from 0: the hub replays the visitor's conversation, which is how the
    // transcript survives reloads without being stored in the browser.
    this.lastSeq = 0;
    this.continueToken = options.continueToken;
    const email = options.storage.get('email');
    const name = options.storage.get('name');
    if (email) this.profile.email = email;
    if (name) this.profile.name = name;
  }

  /** Follows the page: a visitor who navigates away has left (replies then go by email). */
  follow(): void {
    window.addEventListener('pagehide', () => this.ws?.close(1000, 'page hidden'));
    window.addEventListener('pageshow', (e) => (e.persisted ? this.start() : undefined));
  }

  start(): void {
    if (this.ws) return;
    const ws = new WebSocket(this.options.socketUrl);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify(this.hello()));
    ws.onmessage = (e) => this.receive(JSON.parse(String(e.data)) as ServerFrame);
    ws.onclose = () => {
      this.ws = null;
      this.on.state(false);
      this.schedule();
    };
  }

  /** Sends, or keeps for the next welcome; either way it stays in the outbox until acked. */
  send(p: Pending): void {
    const box = this.options.storage.outbox().filter((x) => x.clientId !== p.clientId);
    box.push(p);
    this.options.storage.saveOutbox(box);
    this.write(p);
  }

  typing(on: boolean): void {
    this.raw({ type: 'typing', on });
  }

  read(seq: number): void {
    this.raw({ type: 'read', seq });
  }

  /**
   * Name and email typed in by the visitor (unverified); used from the next hello on, and a code
   * to confirm the address is asked for after it.
   */
  setProfile(name: string, email: string): void {
    this.options.storage.set('name', name || null);
    this.options.storage.set('email', email || null);
    this.profile = { name, email };
    this.codeFor = email || undefined;
    this.ws?.close();
  }

  confirmEmail(code: string): void {
    this.raw({ type: 'email_confirm', code });
  }

  private hello(): Record<string, unknown> {
    const s = this.options.storage;
    return {
      type: 'hello',
      visitorToken: s.get('visitorToken') ?? undefined,
      continueToken: this.continueToken,
      identifier: this.options.identifier,
      identifierHash: this.options.identifierHash,
      lastSeq: this.lastSeq,
      ...this.profile,
    };
  }

  private receive(f: ServerFrame): void {
    switch (f.type) {
      case 'welcome':
        this.attempt = 0;
        this.continueToken = undefined;
        this.options.storage.set('visitorToken', f.visitorToken);
        this.on.welcome(f);
        this.on.state(true);
        this.options.storage.outbox().forEach((p) => this.write(p));
        if (this.codeFor && this.codeFor !== f.emailConfirmed) this.raw({ type: 'email_code', email: this.codeFor });
        this.codeFor = undefined;
        break;
      case 'email_code_sent':
        this.on.emailCodeSent(f.email);
        break;
      case 'email_confirmed':
        this.options.storage.set('visitorToken', f.visitorToken);
        this.on.emailConfirmed(f.email);
        break;
      case 'message':
        this.lastSeq = Math.max(this.lastSeq, f.seq);
        this.on.item(f);
        break;
      case 'typing':
        this.on.agentTyping(f.agentName);
        break;
      case 'ack':
        this.drop(f.clientId);
        this.on.acked(f.clientId, f.offline);
        break;
      case 'error':
        this.failed(f);
        break;
      default:
        break;
    }
  }

  private failed(e: ChatError): void {
    if (e.code === 'token_invalid' || e.code === 'identifier_invalid') {
      // Start over as a new anonymous visitor: nothing of the old identity is readable anyway.
      this.options.storage.set('visitorToken', null);
      this.lastSeq = 0;
      if (e.code === 'identifier_invalid') {
        delete this.options.identifier;
        delete this.options.identifierHash;
      }
      this.on.reset();
    } else if (e.code === 'link_invalid') {
      this.continueToken = undefined;
    } else if (e.clientId && e.code !== 'not_stored') {
      // Refused for good (too long, malformed, rate limited): resending would not help.
      this.drop(e.clientId);
    }
    this.on.failed(e);
  }

  private drop(clientId: string): void {
    const s = this.options.storage;
    s.saveOutbox(s.outbox().filter((p) => p.clientId !== clientId));
  }

  private write(p: Pending): void {
    this.raw(
      p.offline
        ? { type: 'offline', clientId: p.clientId, text: p.text, ...p.offline }
        : { type: 'message', clientId: p.clientId, text: p.text },
    );
  }

  private raw(frame: Record<string, unknown>): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.attempt);
    // Full jitter in the upper half: thousands of widgets dropped by one restart do not return
    // in lockstep.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.attempt = Math.min(this.attempt + 1, 16);
    this.timer = window.setTimeout(() => this.start(), delay);
  }
}
