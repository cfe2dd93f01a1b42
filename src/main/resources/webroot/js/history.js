// Utilisation over time, kept in the browser: one sample (allocated and total per resource) per
// read of /master/state-summary, in a ring bounded by age and size. Pure: no DOM, no fetch, so
// the browser test checks it in node too.

export const RESOURCES = ['cpus', 'mem', 'disk', 'gpus'];

export class UtilisationHistory {
  /**
   * windowMs: how far back samples are kept. minSpacingMs: a sample this close to the previous
   * one replaces it, so a burst of events costs one point and the ring holds at most
   * windowMs / minSpacingMs + 1 points.
   */
  constructor({ windowMs = 10 * 60 * 1000, minSpacingMs = 1000 } = {}) {
    this.windowMs = windowMs;
    this.minSpacingMs = minSpacingMs;
    this.samples = [];
  }

  /** Records the `sharing` object of /master/state-summary as read at time `t` (ms). */
  record(sharing, t) {
    const sample = { t, allocated: {}, total: {} };
    for (const name of RESOURCES) {
      sample.allocated[name] = sharing?.allocated?.[name] ?? 0;
      sample.total[name] = sharing?.total?.[name] ?? 0;
    }
    const last = this.samples[this.samples.length - 1];
    if (last && t < last.t) return; // a slow read answering after a newer one
    if (last && t - last.t < this.minSpacingMs) {
      this.samples[this.samples.length - 1] = sample;
    } else {
      this.samples.push(sample);
    }
    this.forget(t);
  }

  /**
   * Samples of one resource up to `now` as [{t, allocated, total}], oldest first. Values hold
   * until the next sample (they change only with cluster events), so the last one is repeated
   * at `now`.
   */
  series(resource, now) {
    const points = this.samples.map(s => ({
      t: s.t, allocated: s.allocated[resource], total: s.total[resource],
    }));
    const last = points[points.length - 1];
    if (last && now > last.t) points.push({ ...last, t: now });
    return points;
  }

  get size() {
    return this.samples.length;
  }

  /** Drops samples older than the window, keeping the newest of them: it held until the next. */
  forget(now) {
    const horizon = now - this.windowMs;
    let firstKept = 0;
    while (firstKept < this.samples.length - 1 && this.samples[firstKept + 1].t <= horizon) {
      firstKept += 1;
    }
    if (firstKept > 0) this.samples.splice(0, firstKept);
  }
}
