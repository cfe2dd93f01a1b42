// The console's shell: hash routes, one view at a time, refreshed when the operator event
// stream reports something that view shows (debounced: a burst of events costs one read).
import { followEvents } from './events.js';
import { overview } from './overview.js';
import { agents, frameworks } from './cluster.js';
import { tasks, sandbox } from './tasks.js';
import { jobs } from './jobs.js';
import { sampleOn } from './utilisation.js';

const VIEWS = { overview, agents, frameworks, tasks, jobs, sandbox };
const REFRESH_DEBOUNCE_MS = 200;

const pages = new Map(); // view name -> page shown, kept across refreshes and navigation
let current = { name: 'overview', params: new URLSearchParams() };
let rendering = null;
let again = false;
let pendingRefresh = null;

function route() {
  const [path, query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const name = VIEWS[path] ? path : 'overview';
  current = { name, params: new URLSearchParams(query) };
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('current', link.dataset.view === name);
  }
  refresh();
}

/** Renders the current view; a refresh asked for meanwhile runs once this one is done. */
async function refresh() {
  if (rendering) {
    again = true;
    return rendering;
  }
  const { name, params } = current;
  const view = VIEWS[name];
  const container = document.getElementById('view');
  rendering = (async () => {
    try {
      const content = await view.render({
        params,
        page: pages.get(name) ?? 0,
        setPage: page => { pages.set(name, Math.max(0, page)); refresh(); },
      });
      if (current.name === name) {
        container.replaceChildren(content);
        container.dataset.view = name;
        container.dataset.renderedAt = String(Date.now());
        document.title = `${view.title} · Meseta`;
      }
      problem(null);
    } catch (error) {
      problem(`Could not show ${view.title.toLowerCase()}: ${error.message}`);
    }
  })();
  await rendering;
  rendering = null;
  if (again) {
    again = false;
    refresh();
  }
}

function problem(text) {
  const footer = document.getElementById('problem');
  footer.hidden = !text;
  footer.textContent = text ?? '';
}

function onEvent(event) {
  sampleOn(event); // on every page, so the overview's plots have a history when shown
  if (event.type === 'HEARTBEAT') return;
  const view = VIEWS[current.name];
  // SUBSCRIBED follows a (re)connection: whatever happened while away is only in a fresh read
  if (event.type === 'SUBSCRIBED' || view.affectedBy(event, current.params)) {
    clearTimeout(pendingRefresh);
    pendingRefresh = setTimeout(refresh, REFRESH_DEBOUNCE_MS);
  }
}

function onStatus(state, detail) {
  const badge = document.getElementById('live');
  badge.dataset.state = state;
  badge.textContent = state === 'live' ? 'live' : 'reconnecting';
  badge.title = detail;
}

window.addEventListener('hashchange', route);
route();
followEvents(onEvent, onStatus);
