// Follows the v1 operator API's SUBSCRIBE stream (POST /api/v1) with fetch and a streaming
// body reader, and reconnects with a growing pause when the stream ends or fails.
import { RecordIOParser } from './recordio.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10000;

/**
 * Calls onEvent(event) for every operator event and onStatus('live' | 'down', detail) as the
 * stream comes and goes. After a reconnection the caller should refresh what it shows: events
 * sent while the stream was down are not replayed.
 */
export function followEvents(onEvent, onStatus) {
  let retryMs = FIRST_RETRY_MS;
  const connect = async () => {
    try {
      const response = await fetch('/api/v1', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ type: 'SUBSCRIBE' }),
      });
      if (!response.ok) {
        throw new Error(`SUBSCRIBE answered ${response.status}: ${(await response.text()).trim()}`);
      }
      const reader = response.body.getReader();
      const parser = new RecordIOParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the master closed the event stream');
        for (const record of parser.push(value)) {
          const event = JSON.parse(record);
          if (event.type === 'SUBSCRIBED') {
            retryMs = FIRST_RETRY_MS;
            onStatus('live', 'following the operator event stream');
          }
          onEvent(event);
        }
      }
    } catch (error) {
      onStatus('down', `${error.message}; reconnecting in ${Math.round(retryMs / 1000)} s`);
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  };
  connect();
}
