/**
 * Entry point: one bridge to the synth worker, one state object, and the Svelte app.
 * With `?test` in the URL the bridge and the state are put on `window.__ls` for the e2e and contract tests
 * (they read results through the same worker the UI uses; nothing is exposed otherwise).
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { SynthBridge } from './bridge/synth-bridge.js';
import { AppState } from './state/app.svelte.js';
import './styles.css';

const bridge = new SynthBridge();
const app = new AppState(bridge);

if (new URLSearchParams(location.search).has('test')) {
  (window as unknown as { __ls: { bridge: SynthBridge; app: AppState } }).__ls = { bridge, app };
}

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { app } });
