import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

// A resource the Content-Security-Policy blocked is a bug: say so in the console, where
// developers and the browser tests look.
document.addEventListener('securitypolicyviolation', (e) => {
  console.error(`Content-Security-Policy blocked ${e.blockedURI || 'an inline resource'} (${e.violatedDirective})`);
});

export default mount(App, { target: document.getElementById('app')! });
