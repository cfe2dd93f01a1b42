// Overview: cluster totals per resource, utilisation over time, tasks and agents by state, the
// master nodes with the leader, and the sharing metrics (fragmentation, preemption) of
// /master/state-summary.
import { h, number, table } from './dom.js';
import { readStateSummary, utilisationPlots } from './utilisation.js';

const RESOURCES = [['cpus', ''], ['mem', ' MB'], ['disk', ' MB'], ['gpus', '']];

export const overview = {
  title: 'Overview',
  affectedBy: () => true,
  async render() {
    const summary = await readStateSummary();
    const sharing = summary.sharing || {};
    return h('div', {},
      h('h2', {}, 'Resources'),
      h('div', { class: 'cards', id: 'resources' }, RESOURCES
        .filter(([name]) => name !== 'gpus' || (sharing.total?.gpus ?? 0) > 0)
        .map(([name, unit]) => resourceCard(name, unit, sharing))),
      h('h2', {}, 'Utilisation over the last 10 minutes'),
      utilisationPlots(),
      h('h2', {}, 'Tasks by state'),
      countCards('tasks-by-state', tasksByState(summary.slaves)),
      h('h2', {}, 'Agents and frameworks'),
      countCards('agents-by-state', {
        'active agents': summary.slaves.filter(s => s.active).length,
        'inactive agents': summary.slaves.filter(s => !s.active).length,
        frameworks: summary.frameworks.length,
        'task time (s)': number(sharing.task_time_seconds ?? 0, 1),
      }),
      h('h2', {}, 'Master nodes'),
      masterNodes(summary.master_nodes ?? []),
      h('h2', {}, 'Fragmentation'),
      keyValues('fragmentation', sharing.fragmentation),
      h('h2', {}, 'Preemption'),
      keyValues('preemption', sharing.preemption));
  },
};

function resourceCard(name, unit, sharing) {
  const total = sharing.total?.[name] ?? 0;
  const used = sharing.allocated?.[name] ?? 0;
  const utilisation = sharing.utilisation?.[name] ?? 0;
  return h('div', { class: 'card', 'data-resource': name },
    h('h3', {}, name),
    h('div', { class: 'big' }, h('span', { class: 'total' }, number(total)), unit),
    h('div', { class: 'sub' },
      'used ', h('span', { class: 'used' }, number(used)),
      ' · free ', h('span', { class: 'free' }, number(Math.max(0, total - used))),
      ' · ', h('span', { class: 'utilisation' }, `${(utilisation * 100).toFixed(1)}%`)),
    h('div', { class: 'bar' }, h('span', { style: `width:${Math.min(100, utilisation * 100)}%` })));
}

/** Every master node of the cluster (a single node lists itself), the leader marked. */
function masterNodes(nodes) {
  return h('div', { id: 'master-nodes' }, table([
    { title: 'node', cell: n => h('code', {}, `${n.hostname}:${n.port}`) },
    { title: 'role', cell: n => h('span', { class: n.leader ? 'state active' : 'state',
      'data-leader': String(n.leader) }, n.leader ? 'leader' : 'follower') },
    { title: 'id', cell: n => h('code', {}, n.id) },
  ], nodes, null, 'No master node reported.'));
}

function tasksByState(slaves) {
  const counts = {};
  for (const slave of slaves) {
    for (const [key, value] of Object.entries(slave)) {
      if (key.startsWith('TASK_') && value > 0) counts[key] = (counts[key] ?? 0) + value;
    }
  }
  return counts;
}

function countCards(id, counts) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return h('p', { class: 'empty', id }, 'None yet.');
  return h('div', { class: 'cards', id }, entries.map(([label, value]) =>
    h('div', { class: 'card', 'data-count': label },
      h('h3', {}, label), h('div', { class: 'big' }, String(value)))));
}

/** Nested sharing objects as flat "a.b = value" rows: their fields evolve with the allocator. */
function keyValues(id, object) {
  const rows = [];
  const walk = (prefix, value) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(prefix ? `${prefix}.${key}` : key, inner);
    } else {
      rows.push([prefix, Array.isArray(value) ? JSON.stringify(value) : value]);
    }
  };
  walk('', object ?? {});
  return h('div', { id }, table([
    { title: 'metric', cell: r => h('code', {}, r[0]) },
    { title: 'value', num: true, cell: r => typeof r[1] === 'number' ? number(r[1], 3) : String(r[1]) },
  ], rows, null, 'Nothing reported.'));
}
