import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { useCoreMessageLookup } from './lib/format';

// Core errors reach the page as plain Errors; the preload remembers which message each was.
useCoreMessageLookup((message) => window.api.coreMessageOf?.(message) ?? null);

const app = mount(App, { target: document.getElementById('app')!, props: { api: window.api, shell: window.api } });

export default app;
