import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';

const app = mount(App, { target: document.getElementById('app')!, props: { api: window.api, shell: window.api } });

export default app;
