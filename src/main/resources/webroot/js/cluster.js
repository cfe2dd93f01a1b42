// Agents and frameworks, as /master/slaves, /master/state-summary and /master/frameworks list them.
import { getJson } from './api.js';
import { h, number, pageOf, stateBadge, table, time } from './dom.js';
import { readStateSummary } from './utilisation.js';

const PAGE_SIZE = 20;

const isAgentEvent = e => e.type.startsWith('AGENT_') || e.type.startsWith('TASK_');
const isFrameworkEvent = e => e.type.startsWith('FRAMEWORK_') || e.type.startsWith('TASK_');

function usedOfTotal(used, total, name) {
  return `${number(used?.[name] ?? 0)} / ${number(total?.[name] ?? 0)}`;
}

export const agents = {
  title: 'Agents',
  affectedBy: isAgentEvent,
  async render({ page, setPage }) {
    const [slaves, summary] = await Promise.all([getJson('/master/slaves'), readStateSummary()]);
    const counts = new Map(summary.slaves.map(s => [s.id, s]));
    const running = id => ['TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING']
      .reduce((sum, state) => sum + (counts.get(id)?.[state] ?? 0), 0);
    const shown = pageOf(slaves.slaves, page, PAGE_SIZE);
    return h('div', {}, h('h2', {}, `Agents (${slaves.slaves.length})`), table([
      { title: 'host', cell: a => `${a.hostname}:${a.port}` },
      { title: 'id', cell: a => h('code', {}, a.id) },
      { title: 'state', cell: a => stateBadge(a.active ? 'active' : 'inactive') },
      { title: 'cpus used / total', num: true, cell: a => usedOfTotal(a.used_resources, a.resources, 'cpus') },
      { title: 'mem used / total', num: true, cell: a => usedOfTotal(a.used_resources, a.resources, 'mem') },
      { title: 'disk used / total', num: true, cell: a => usedOfTotal(a.used_resources, a.resources, 'disk') },
      { title: 'active tasks', num: true, cell: a => String(running(a.id)) },
      { title: 'registered', cell: a => time(a.registered_time) },
    ], shown.rows, { ...shown, onPage: setPage }, 'No agent has registered yet.'));
  },
};

export const frameworks = {
  title: 'Frameworks',
  affectedBy: isFrameworkEvent,
  async render({ page, setPage }) {
    const answer = await getJson('/master/frameworks');
    const shown = pageOf(answer.frameworks, page, PAGE_SIZE);
    return h('div', {}, h('h2', {}, `Frameworks (${answer.frameworks.length})`), table([
      { title: 'name', cell: f => f.name },
      { title: 'id', cell: f => h('code', {}, f.id) },
      { title: 'role', cell: f => f.role ?? (f.roles ?? []).join(', ') },
      { title: 'state', cell: f => stateBadge(f.active ? 'active' : 'inactive') },
      { title: 'tasks', num: true, cell: f => String((f.tasks ?? []).length) },
      { title: 'completed', num: true, cell: f => String((f.completed_tasks ?? []).length) },
      { title: 'offers', num: true, cell: f => String((f.offers ?? []).length) },
      { title: 'cpus used', num: true, cell: f => number(f.used_resources?.cpus ?? 0) },
      { title: 'mem used', num: true, cell: f => number(f.used_resources?.mem ?? 0) },
      { title: 'cpus offered', num: true, cell: f => number(f.offered_resources?.cpus ?? 0) },
    ], shown.rows, { ...shown, onPage: setPage }, 'No framework is subscribed.'));
  },
};
