// Utilisation over time: samples /master/state-summary whenever the operator event stream says
// the cluster changed (allocations change only with task and agent events, so between two
// samples the values hold) and draws allocated / total per resource for the last ten minutes.
// Heartbeats only move the plots' time axis; they cost no read.
import { getJson } from './api.js';
import { RESOURCES, UtilisationHistory } from './history.js';
import { h, number } from './dom.js';
import { stepPlot } from './plot.js';

const SAMPLE_DEBOUNCE_MS = 200;
const history = new UtilisationHistory({ windowMs: 10 * 60 * 1000, minSpacingMs: 1000 });
const listeners = new Set();
let pendingSample = null;
let inFlight = null; // {promise, startedAt}
let lastChangeAt = 0;

/**
 * Reads /master/state-summary and records it. Callers woken by the same events (the overview
 * and the sampler) share one request, but never one that started before the latest event:
 * that read may miss what the event reported.
 */
export function readStateSummary() {
  if (inFlight && inFlight.startedAt >= lastChangeAt) return inFlight.promise;
  const startedAt = Date.now();
  const request = {
    startedAt,
    promise: getJson('/master/state-summary').then(summary => {
      history.record(summary.sharing, startedAt);
      notify();
      return summary;
    }).finally(() => {
      if (inFlight === request) inFlight = null;
    }),
  };
  inFlight = request;
  return request.promise;
}

/** Feed every operator event here, heartbeats included. */
export function sampleOn(event) {
  if (event.type === 'HEARTBEAT') {
    notify();
    return;
  }
  lastChangeAt = Date.now();
  clearTimeout(pendingSample);
  pendingSample = setTimeout(() => readStateSummary().catch(() => {}), SAMPLE_DEBOUNCE_MS);
}

function notify() {
  for (const listener of listeners) listener();
}

/** The plots, one per resource the cluster has; they redraw themselves while on the page. */
export function utilisationPlots() {
  const container = h('div', { class: 'cards plots', id: 'utilisation-plots' });
  const draw = () => {
    if (container.isConnected) {
      container.dataset.shown = 'true';
    } else if (container.dataset.shown) {
      listeners.delete(draw); // the view was replaced
      return;
    }
    const now = Date.now();
    const from = now - history.windowMs;
    container.replaceChildren(...RESOURCES
      .filter(name => name !== 'gpus' || history.series(name, now).some(p => p.total > 0))
      .map(name => plotCard(name, history.series(name, now), from, now)));
  };
  listeners.add(draw);
  draw();
  return container;
}

function plotCard(name, series, from, to) {
  const points = series.map(p => ({ t: p.t, v: p.total > 0 ? p.allocated / p.total : 0 }));
  const last = series[series.length - 1] ?? { allocated: 0, total: 0 };
  const samples = Math.max(0, series.length - 1); // the last point repeats the newest sample
  const peak = Math.max(0, ...points.map(p => p.v));
  return h('div', {
    class: 'card', 'data-plot': name, 'data-samples': samples, 'data-peak': peak.toFixed(4),
  },
  h('h3', {}, name),
  h('div', { class: 'sub' }, `${number(last.allocated)} / ${number(last.total)} allocated`,
    ` · peak ${(peak * 100).toFixed(1)}%`),
  stepPlot({ points, from, to, label: `${name} utilisation, last 10 minutes` }));
}
