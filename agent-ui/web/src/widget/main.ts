// The embeddable chat widget: <script src="https://hub.example.com/widget.js" data-site="example"
// async></script>. Optional: data-identifier and data-identifier-hash for a logged-in user
// (hash = hex HMAC-SHA256(site secret, identifier), computed by the site's server). Everything
// lives in a shadow root on one host element; the script defines no globals.

import { Connection } from './connection';
import { SiteStorage } from './storage';
import { STYLES } from './styles';
import { ChatView } from './view';

const CONTINUE_KEY = 'contacthub-continue';

function continueTokenFromUrl(): string | undefined {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get(CONTINUE_KEY);
  if (!token) return undefined;
  params.delete(CONTINUE_KEY);
  // The token leaves the address bar (and the history) at once.
  const rest = params.toString();
  window.history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? `#${rest}` : ''));
  return token;
}

function clientId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function mount(script: HTMLScriptElement): void {
  const site = script.dataset.site;
  if (!site) {
    console.warn('Contact Hub chat: the script tag needs data-site');
    return;
  }
  const hub = new URL(script.src);
  const socketUrl = `${hub.protocol === 'https:' ? 'wss' : 'ws'}://${hub.host}/channels/webchat/socket?site=${encodeURIComponent(site)}`;
  const storage = new SiteStorage(site);
  const continueToken = continueTokenFromUrl();
  const host = document.createElement('div');
  host.id = 'contacthub-chat';
  const root = host.attachShadow({ mode: 'open' });
  root.append(Object.assign(document.createElement('style'), { textContent: STYLES }));
  document.body.append(host);

  let connection: Connection | null = null;
  const connect = (): Connection => {
    if (!connection) {
      connection = new Connection(
        {
          socketUrl,
          storage,
          identifier: script.dataset.identifier,
          identifierHash: script.dataset.identifierHash,
          continueToken,
        },
        {
          state: (online) => view.online(online),
          welcome: (w) => view.welcome(w),
          item: (i) => view.item(i),
          agentTyping: (name) => view.agentTyping(name),
          emailCodeSent: (email) => view.emailCodeSent(email),
          emailConfirmed: (email) => view.emailConfirmed(email),
          acked: (_clientId, offline) => (offline ? view.offlineSent() : undefined),
          failed: (e) => (e.clientId ? view.draftFailed(e.clientId) : view.notice(e.detail)),
          reset: () => view.reset(),
        },
      );
      connection.follow();
      connection.start();
    }
    return connection;
  };
  const view = new ChatView(root, {
    opened: () => void connect(),
    send: (text) => {
      const id = clientId();
      view.draft(id, text);
      connect().send({ clientId: id, text });
    },
    typing: (on) => connection?.typing(on),
    read: (seq) => connection?.read(seq),
    saveEmail: (email) => connect().setProfile(storage.get('name') ?? '', email),
    confirmEmail: (code) => connection?.confirmEmail(code),
    offline: (name, email, text) => connect().send({ clientId: clientId(), text, offline: { name, email } }),
  });
  view.setEmail(storage.get('email') ?? '');
  // Unsent messages are shown again (and resent once connected).
  storage.outbox().forEach((p) => (p.offline ? undefined : view.draft(p.clientId, p.text)));
  // A returning visitor (or a continue link) reconnects at once, so replies arrive live.
  if (continueToken || storage.get('visitorToken') || storage.outbox().length) connect();
  if (continueToken) view.toggle(true);
}

const current = document.currentScript;
if (current instanceof HTMLScriptElement) {
  if (document.body) mount(current);
  else document.addEventListener('DOMContentLoaded', () => mount(current), { once: true });
}
