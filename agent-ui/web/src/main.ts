import { createApp } from 'vue';
import App from './App.vue';
import { hubApi } from './api/hub';
import { liveStream } from './live/stream';
import { restoreSession } from './session';
import './styles/base.css';

restoreSession();

// A WebSocket refused before hello says nothing about why; an API call does (401 logs out).
liveStream.onRefused = () => {
  void hubApi.me().catch(() => undefined);
};

// For operators and the browser tests: drop the live connection as a network failure would.
(window as unknown as { __contactHub: object }).__contactHub = {
  dropStream: (outageMs?: number) => liveStream.simulateDrop(outageMs),
  streamState: () => liveStream.state.value,
};

createApp(App).mount('#app');
