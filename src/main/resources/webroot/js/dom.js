// A tiny element builder and a paged table; no framework, nothing to bundle.

/** h('td', {class: 'num'}, 'text', childNode, [more]) builds an element; null children are skipped. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/**
 * A table of one page of rows. columns: [{title, cell(row) -> node|string, num?}]. pager:
 * {page, hasNext, total?, onPage(page)}; without it every row is shown.
 */
export function table(columns, rows, pager, emptyText = 'Nothing to show.') {
  const head = h('tr', {}, columns.map(c => h('th', { class: c.num ? 'num' : null }, c.title)));
  const body = rows.map(row => h('tr', {},
    columns.map(c => h('td', { class: c.num ? 'num' : null }, c.cell(row)))));
  return h('div', { class: 'paged' },
    rows.length === 0 ? h('p', { class: 'empty' }, emptyText) : h('table', {}, h('thead', {}, head), h('tbody', {}, body)),
    pager ? pagerBar(pager) : null);
}

function pagerBar({ page, hasNext, total, pageSize, onPage }) {
  const shown = total === undefined ? `page ${page + 1}`
    : `page ${page + 1} of ${Math.max(1, Math.ceil(total / pageSize))} (${total} rows)`;
  return h('div', { class: 'pager' },
    h('button', { type: 'button', 'data-page': 'previous', disabled: page === 0, onclick: () => onPage(page - 1) }, '‹ previous'),
    h('span', {}, shown),
    h('button', { type: 'button', 'data-page': 'next', disabled: !hasNext, onclick: () => onPage(page + 1) }, 'next ›'));
}

/** Client-side paging of a full list: the rows of `page` plus the pager fields. */
export function pageOf(rows, page, pageSize) {
  const last = Math.max(0, Math.ceil(rows.length / pageSize) - 1);
  const current = Math.min(Math.max(0, page), last);
  return {
    rows: rows.slice(current * pageSize, (current + 1) * pageSize),
    page: current, hasNext: current < last, total: rows.length, pageSize,
  };
}

export function stateBadge(state) {
  return h('span', { class: `state ${state}` }, state);
}

export function number(value, digits = 2) {
  if (value === undefined || value === null) return '0';
  return Number.isInteger(value) ? String(value) : Number(value).toFixed(digits);
}

export function time(seconds) {
  return seconds ? new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}
