// Tasks (newest first, paged on the server by /master/tasks) and a task's sandbox files, read
// through the gateway's same-origin proxy to the agent that ran it.
import { getJson, sandboxFileUrl, sandboxPath } from './api.js';
import { h, stateBadge, table, time } from './dom.js';

const PAGE_SIZE = 25;

export const tasks = {
  title: 'Tasks',
  affectedBy: e => e.type.startsWith('TASK_') || e.type.startsWith('AGENT_'),
  async render({ page, setPage }) {
    // one row more than a page tells whether a next page exists
    const [answer, slaves] = await Promise.all([
      getJson(`/master/tasks?order=desc&limit=${PAGE_SIZE + 1}&offset=${page * PAGE_SIZE}`),
      getJson('/master/slaves')]);
    const hosts = new Map(slaves.slaves.map(s => [s.id, `${s.hostname}:${s.port}`]));
    const rows = answer.tasks.slice(0, PAGE_SIZE);
    return h('div', {}, h('h2', {}, 'Tasks'), table([
      { title: 'id', cell: t => h('code', { class: 'task-id' }, t.id) },
      { title: 'name', cell: t => t.name },
      { title: 'state', cell: t => stateBadge(t.state) },
      { title: 'framework', cell: t => h('code', {}, t.framework_id) },
      { title: 'agent', cell: t => hosts.get(t.slave_id) ?? t.slave_id },
      { title: 'started', cell: t => time(t.statuses?.[0]?.timestamp) },
      { title: 'sandbox', cell: t => t.slave_id ? [fileLink(t, 'stdout'), ' ', fileLink(t, 'stderr')] : '' },
    ], rows, { page, hasNext: answer.tasks.length > PAGE_SIZE, onPage: setPage },
    'No task has been launched yet.'));
  },
};

function fileLink(task, file) {
  const path = sandboxPath(task.framework_id, task.id, file);
  const query = new URLSearchParams({ agent: task.slave_id, path, task: task.id });
  return h('a', { href: `#/sandbox?${query}`, 'data-file': file }, file);
}

export const sandbox = {
  title: 'Sandbox file',
  // output grows while the task runs; its status updates are the cue to read again
  affectedBy: (e, params) => e.type === 'TASK_UPDATED'
    && e.task_updated?.status?.task_id?.value === params.get('task'),
  async render({ params }) {
    const agent = params.get('agent');
    const path = params.get('path');
    const url = sandboxFileUrl(agent, path);
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(`reading ${path} on agent ${agent} failed (${response.status}): `
        + (await response.text()).trim());
    }
    const { data } = await response.json();
    return h('div', {},
      h('h2', {}, h('code', {}, path)),
      h('p', {}, h('a', { href: '#/tasks' }, '‹ tasks'), ' · ', h('a', { href: url }, 'raw JSON')),
      h('pre', { class: 'file', id: 'file-content' }, data === '' ? '(empty)' : data));
  },
};
