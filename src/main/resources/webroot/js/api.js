// Reads of the master's HTTP API, all same-origin: the console is served by the gateway.

/** GETs JSON; a non-2xx answer becomes an Error carrying the server's own message. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const text = (await response.text()).trim();
    throw new Error(`${path} answered ${response.status}${text ? ': ' + text : ''}`);
  }
  return response.json();
}

/** The same-origin proxy to an agent's /files/read, confined by the gateway to sandboxes. */
export function sandboxFileUrl(agentId, path, offset = 0, length = 65536) {
  return `/agent-files/${encodeURIComponent(agentId)}/read?path=${encodeURIComponent(path)}`
    + `&offset=${offset}&length=${length}`;
}

/** Where Meseta agents keep a task's sandbox (relative to the agent's work dir). */
export function sandboxPath(frameworkId, taskId, file) {
  return `sandboxes/${frameworkId}/${taskId}/${file}`;
}
