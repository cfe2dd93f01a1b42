// The job service's jobs (/api/v1/jobs) and, for each pending job on the page, why it waits.
import { getJson } from './api.js';
import { h, pageOf, stateBadge, table } from './dom.js';

const PAGE_SIZE = 20;

export const jobs = {
  title: 'Jobs',
  // the job service is a framework: its placements, runs and failures all surface as these
  affectedBy: e => /^(TASK_|AGENT_|FRAMEWORK_)/.test(e.type),
  async render({ page, setPage }) {
    const answer = await getJson('/api/v1/jobs');
    const shown = pageOf(answer.jobs, page, PAGE_SIZE);
    const why = new Map(await Promise.all(shown.rows
      .filter(job => job.state === 'PENDING')
      .map(async job => [job.id, await getJson(`/api/v1/jobs/${encodeURIComponent(job.id)}/why`)
        .catch(error => ({ summary: error.message }))])));
    return h('div', {}, h('h2', {}, `Jobs (${answer.jobs.length})`), table([
      { title: 'id', cell: j => h('code', {}, j.id) },
      { title: 'name', cell: j => j.name },
      { title: 'state', cell: j => stateBadge(j.state) },
      { title: 'queue', cell: j => j.queue },
      { title: 'priority', num: true, cell: j => String(j.priority) },
      { title: 'resources', cell: j => h('code', {}, j.resources) },
      { title: 'attempt', num: true, cell: j => String(j.attempt) },
      { title: 'submitted', cell: j => j.submitted_at ?? '' },
      { title: 'why / message', cell: j => whyText(j, why.get(j.id)) },
    ], shown.rows, { ...shown, onPage: setPage },
    'No job submitted. Submit one with `meseta jobs submit` or POST /api/v1/jobs.'));
  },
};

function whyText(job, why) {
  if (!why) return job.message ?? '';
  const summary = why.summary ?? '';
  // the summary often quotes the single reason already; list only what it does not say
  const reasons = (why.reasons ?? []).filter(r => !summary.includes(r.message))
    .map(r => h('li', {}, r.message));
  return h('div', { class: 'why' }, summary, reasons.length ? h('ul', {}, reasons) : null);
}
