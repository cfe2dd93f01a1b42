// Framework WebSocket streams against a running master:
//   k6 run -e MASTER=127.0.0.1:5050 k6/framework-ws.js
// Each VU is one framework on /api/v1/scheduler/ws (one Mesos v1 JSON Call or Event per text frame):
// it SUBSCRIBEs, declines every offer (an ACCEPT with no operations, as Mesos allows), acknowledges every
// status update that carries a uuid, counts the events it receives, then TEARDOWNs and closes.
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';

export const options = {
  vus: 20,
  duration: '30s',
  thresholds: {
    // Every framework must be subscribed, promptly, and see offers; no ERROR event, no failed handshake.
    checks: ['rate>0.99'],
    meseta_subscribe_ms: ['p(99)<500'],
    meseta_offers: ['count>0'],
    meseta_errors: ['count==0'],
    ws_connecting: ['p(99)<200'],
  },
};

const master = __ENV.MASTER || '127.0.0.1:5050';
const sessionSeconds = Number(__ENV.SESSION_SECONDS || 10);

const subscribeMs = new Trend('meseta_subscribe_ms', true);
const offers = new Counter('meseta_offers');
const updates = new Counter('meseta_updates');
const heartbeats = new Counter('meseta_heartbeats');
const errors = new Counter('meseta_errors');

export default function () {
  const url = `ws://${master}/api/v1/scheduler/ws`;
  let frameworkId = null;
  const response = ws.connect(url, {}, (socket) => {
    let sentAt = 0;
    socket.on('open', () => {
      sentAt = Date.now();
      socket.send(JSON.stringify({
        type: 'SUBSCRIBE',
        subscribe: { framework_info: { user: 'k6', name: `k6-${__VU}-${__ITER}`, roles: ['*'] } },
      }));
    });
    socket.on('message', (text) => {
      const event = JSON.parse(text);
      switch (event.type) {
        case 'SUBSCRIBED':
          frameworkId = event.subscribed.framework_id;
          subscribeMs.add(Date.now() - sentAt);
          break;
        case 'OFFERS':
          offers.add(event.offers.offers.length);
          // An ACCEPT without operations declines the offers; a short filter keeps offers coming.
          socket.send(JSON.stringify({
            framework_id: frameworkId,
            type: 'ACCEPT',
            accept: {
              offer_ids: event.offers.offers.map((o) => o.id),
              operations: [],
              filters: { refuse_seconds: 1 },
            },
          }));
          break;
        case 'UPDATE':
          updates.add(1);
          if (event.update.status.uuid) {
            socket.send(JSON.stringify({
              framework_id: frameworkId,
              type: 'ACKNOWLEDGE',
              acknowledge: {
                agent_id: event.update.status.agent_id,
                task_id: event.update.status.task_id,
                uuid: event.update.status.uuid,
              },
            }));
          }
          break;
        case 'HEARTBEAT':
          heartbeats.add(1);
          break;
        case 'ERROR':
          errors.add(1);
          console.error(`ERROR event: ${event.error.message}`);
          break;
        default:
          break;
      }
    });
    socket.setTimeout(() => {
      if (frameworkId) {
        socket.send(JSON.stringify({ framework_id: frameworkId, type: 'TEARDOWN' }));
      }
      socket.close();
    }, sessionSeconds * 1000);
  });
  check(response, { 'handshake is 101': (r) => r && r.status === 101 });
  check(frameworkId, { 'framework was subscribed': (id) => id !== null });
}
