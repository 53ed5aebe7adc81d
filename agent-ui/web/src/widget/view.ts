// The widget's interface inside its shadow root: a launcher, and a panel with the transcript,
// the composer, an optional email for replies, and the offline form when nobody is available.

import { el } from './dom';
import type { ChatItem, Welcome } from './protocol';

export interface ViewActions {
  opened(): void;
  send(text: string): void;
  typing(on: boolean): void;
  read(seq: number): void;
  saveEmail(email: string): void;
  confirmEmail(code: string): void;
  offline(name: string, email: string, text: string): void;
}

interface Draft {
  text: string;
  failed: boolean;
}

const TYPING_IDLE_MS = 3000;
// The hub repeats an agent's typing signal every 2 s at most; silence this long means stopped.
const AGENT_TYPING_SHOWN_MS = 5000;

export class ChatView {
  private readonly items = new Map<string, ChatItem>();
  private readonly drafts = new Map<string, Draft>();
  private readonly launcher = el('button', {
    class: 'launcher',
    type: 'button',
    'aria-label': 'Open chat',
    'aria-expanded': 'false',
    'aria-controls': 'chat-panel',
    'data-testid': 'launcher',
  }, bubbleIcon());
  private readonly state = el('span', { class: 'state', 'data-testid': 'state' }, 'Connecting…');
  private readonly log = el('ol', { class: 'log', role: 'log', 'aria-live': 'polite', 'data-testid': 'log' });
  private readonly input = el('textarea', { id: 'chat-input', 'data-testid': 'input', maxlength: '4000', placeholder: 'Write a message…' });
  private readonly email = el('input', { id: 'chat-email', type: 'email', 'data-testid': 'email', placeholder: 'you@example.com', autocomplete: 'email' });
  private readonly code = el('input', { id: 'chat-code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '6', 'data-testid': 'email-code' });
  private readonly codeRow = el('div', { class: 'row', hidden: '' });
  private readonly composer = el('form', { 'data-testid': 'composer' });
  private readonly offlineForm = el('form', { 'data-testid': 'offline-form', hidden: '' });
  private readonly note = el('p', { class: 'note', 'data-testid': 'note', 'aria-live': 'polite' });
  private readonly agentTypingLine = el('p', { class: 'note typing', 'data-testid': 'agent-typing', hidden: '' });
  private agentTypingTimer: number | undefined;
  private readonly panel: HTMLElement;
  private typingTimer: number | undefined;
  private typing = false;
  private lastRead = 0;
  private agentsAvailable = true;

  constructor(root: ShadowRoot, private readonly actions: ViewActions) {
    const close = el('button', { type: 'button', 'aria-label': 'Close chat', 'data-testid': 'close' }, '×');
    const send = el('button', { type: 'submit', 'data-testid': 'send' }, 'Send');
    this.composer.append(
      el('label', { for: 'chat-input', class: 'sr' }, 'Message'),
      el('div', { class: 'row' }, this.input, send),
      el('label', { for: 'chat-email' }, 'Your email, so we can answer if you leave (optional)'),
      el('div', { class: 'row' }, this.email, el('button', { type: 'button', 'data-testid': 'save-email' }, 'Save')),
      this.codeRow,
    );
    this.codeRow.append(
      el('label', { for: 'chat-code', class: 'sr' }, 'Confirmation code'),
      this.code,
      el('button', { type: 'button', 'data-testid': 'confirm-email' }, 'Confirm'),
    );
    this.codeRow.querySelector('button')?.addEventListener('click', () => this.actions.confirmEmail(this.code.value.trim()));
    this.buildOfflineForm();
    this.panel = el(
      'div',
      { class: 'panel', id: 'chat-panel', role: 'dialog', 'aria-label': 'Chat with us', hidden: '', 'data-testid': 'panel' },
      el('header', {}, el('div', {}, el('h2', {}, 'Chat with us'), this.state), close),
      this.log,
      this.agentTypingLine,
      this.note,
      this.composer,
      this.offlineForm,
    );
    root.append(this.launcher, this.panel);
    this.launcher.addEventListener('click', () => this.toggle());
    close.addEventListener('click', () => this.toggle(false));
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.toggle(false);
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        this.composer.requestSubmit();
      }
    });
    this.input.addEventListener('input', () => this.typed());
    this.composer.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      this.input.value = '';
      this.stopTyping();
      this.actions.send(text);
    });
    this.panel.querySelector('[data-testid=save-email]')?.addEventListener('click', () => {
      this.actions.saveEmail(this.email.value.trim());
      this.note.textContent = 'Thanks, we will answer by email if you leave.';
    });
  }

  /** A hub message for the visitor that is about no message of theirs (e.g. a wrong code). */
  notice(text: string): void {
    this.note.textContent = text.charAt(0).toUpperCase() + text.slice(1) + '.';
  }

  emailCodeSent(email: string): void {
    this.codeRow.hidden = false;
    this.code.value = '';
    this.note.textContent = `We sent a code to ${email}. Type it here to confirm your address.`;
    this.code.focus();
  }

  emailConfirmed(email: string): void {
    this.codeRow.hidden = true;
    this.note.textContent = `${email} is confirmed. We will answer there if you leave.`;
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  toggle(open = !this.isOpen): void {
    this.panel.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    this.launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    if (open) {
      this.actions.opened();
      (this.offlineForm.hidden ? this.input : this.offlineForm.querySelector('input'))?.focus();
      this.markRead();
    } else {
      this.launcher.focus();
    }
  }

  setEmail(email: string): void {
    this.email.value = email;
  }

  online(on: boolean): void {
    this.state.textContent = on ? (this.agentsAvailable ? 'Online' : 'Away') : 'Reconnecting…';
    this.state.dataset.online = String(on);
  }

  welcome(w: Welcome): void {
    this.agentsAvailable = w.agentsAvailable;
    this.input.maxLength = w.maxMessageChars;
    const offline = !w.agentsAvailable && this.items.size === 0 && this.drafts.size === 0;
    this.offlineForm.hidden = !offline;
    this.composer.hidden = offline;
    if (w.emailNeedsConfirmation && this.codeRow.hidden) {
      this.note.textContent = 'Please confirm your email with the code we send you, so we can find your earlier conversations.';
    }
  }

  /** Forgets the transcript (the visitor starts over with a new identity). */
  reset(): void {
    this.items.clear();
    this.render();
  }

  /** An agent is writing: shown until their message arrives or the signals stop. */
  agentTyping(name: string): void {
    this.agentTypingLine.textContent = `${name} is typing…`;
    this.agentTypingLine.hidden = false;
    window.clearTimeout(this.agentTypingTimer);
    this.agentTypingTimer = window.setTimeout(() => (this.agentTypingLine.hidden = true), AGENT_TYPING_SHOWN_MS);
  }

  item(i: ChatItem): void {
    if (i.from === 'agent' && !this.items.has(i.id)) this.agentTypingLine.hidden = true;
    this.items.set(i.id, i);
    if (i.clientId) this.drafts.delete(i.clientId);
    this.offlineForm.hidden = true;
    this.composer.hidden = false;
    this.render();
    this.markRead();
  }

  draft(clientId: string, text: string): void {
    this.drafts.set(clientId, { text, failed: false });
    this.render();
  }

  draftFailed(clientId: string): void {
    const d = this.drafts.get(clientId);
    if (d) d.failed = true;
    this.render();
  }

  offlineSent(): void {
    this.offlineForm.hidden = true;
    this.composer.hidden = true;
    this.note.textContent = 'Thanks! We received your message and will answer by email.';
  }

  private buildOfflineForm(): void {
    const name = el('input', { id: 'off-name', autocomplete: 'name', 'data-testid': 'off-name' });
    const email = el('input', { id: 'off-email', type: 'email', required: '', autocomplete: 'email', 'data-testid': 'off-email' });
    const text = el('textarea', { id: 'off-text', required: '', 'data-testid': 'off-text' });
    this.offlineForm.append(
      el('p', { class: 'note' }, 'Nobody is available right now. Leave a message and we will answer by email.'),
      el('label', { for: 'off-name' }, 'Name'),
      name,
      el('label', { for: 'off-email' }, 'Email'),
      email,
      el('label', { for: 'off-text' }, 'Message'),
      text,
      el('button', { type: 'submit', 'data-testid': 'off-send' }, 'Send'),
    );
    this.offlineForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!email.value.trim() || !text.value.trim()) return;
      this.actions.offline(name.value.trim(), email.value.trim(), text.value.trim());
    });
  }

  private typed(): void {
    if (!this.typing) {
      this.typing = true;
      this.actions.typing(true);
    }
    window.clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    window.clearTimeout(this.typingTimer);
    if (this.typing) {
      this.typing = false;
      this.actions.typing(false);
    }
  }

  /** Tells the hub the visitor has seen the agent's messages, once the panel shows them. */
  private markRead(): void {
    if (!this.isOpen || document.visibilityState === 'hidden') return;
    let max = 0;
    for (const i of this.items.values()) {
      if (i.from === 'agent' && i.state !== 'read') max = Math.max(max, i.seq);
    }
    if (max > this.lastRead) {
      this.lastRead = max;
      this.actions.read(max);
    }
  }

  private render(): void {
    const sorted = [...this.items.values()].sort((a, b) =>
      a.at === b.at ? a.seq - b.seq : a.at < b.at ? -1 : 1,
    );
    const rows: HTMLElement[] = sorted.map((i) => this.row(i.from, i.text, i.agentName, meta(i), ''));
    for (const [clientId, d] of this.drafts) {
      rows.push(this.row('visitor', d.text, undefined, d.failed ? 'Not sent' : 'Sending…', d.failed ? 'failed' : 'pending', clientId));
    }
    this.log.replaceChildren(...rows);
    this.log.scrollTop = this.log.scrollHeight;
  }

  private row(from: string, text: string, agentName: string | undefined, metaText: string, extra: string, clientId?: string): HTMLElement {
    const li = el('li', { class: `msg ${from} ${extra}`.trim(), 'data-testid': 'msg', 'data-from': from });
    if (clientId) li.dataset.clientId = clientId;
    if (agentName) li.append(el('span', { class: 'who', 'data-testid': 'agent-name' }, agentName));
    li.append(el('span', { 'data-testid': 'text' }, text), el('span', { class: 'meta' }, metaText));
    return li;
  }
}

function meta(i: ChatItem): string {
  const time = new Date(i.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (i.from === 'agent') return time;
  return `${time} · ${i.state === 'read' ? 'Read' : 'Sent'}`;
}

/** A speech bubble; drawn, not a font glyph, so it shows on every system. */
function bubbleIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '28');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  svg.append(path);
  return svg;
}
