// A small step-line chart in SVG, drawn by hand: a value that holds until the next sample, on a
// fixed time window. No chart library: there is one kind of chart and it is a polyline.
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/**
 * points: [{t, v}] oldest first, v in [0, max]; from/to: the time window (ms). Returns an <svg>
 * whose line holds each value until the next point, over a shaded area.
 */
export function stepPlot({ points, from, to, max = 1, width = 240, height = 64, label = '' }) {
  const x = t => ((Math.max(from, t) - from) / Math.max(1, to - from)) * width;
  const y = v => height - (Math.min(max, Math.max(0, v)) / max) * (height - 2) - 1;
  const corners = [];
  points.forEach((point, i) => {
    if (i > 0) corners.push([x(point.t), y(points[i - 1].v)]);
    corners.push([x(point.t), y(point.v)]);
  });
  const line = corners.map(([cx, cy]) => `${cx.toFixed(1)},${cy.toFixed(1)}`).join(' ');
  const base = cx => `${cx.toFixed(1)},${height}`;
  const area = corners.length > 0
    ? `${base(corners[0][0])} ${line} ${base(corners[corners.length - 1][0])}` : '';
  return svg('svg', {
    class: 'plot', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': label, preserveAspectRatio: 'none',
  },
  svg('title', {}, label),
  svg('line', { class: 'grid', x1: 0, x2: width, y1: y(max / 2), y2: y(max / 2) }),
  svg('polygon', { class: 'area', points: area }),
  svg('polyline', { class: 'line', points: line }));
}
