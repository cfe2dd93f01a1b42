// Load on the master's read endpoints: k6 run -e MASTER=127.0.0.1:5050 k6/state.js
import http from 'k6/http';
import { check } from 'k6';

export const options = {
  vus: 20,
  duration: '30s',
  thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(99)<200'] },
};

const master = __ENV.MASTER || '127.0.0.1:5050';

export default function () {
  const health = http.get(`http://${master}/health`);
  check(health, { 'health is 200': (r) => r.status === 200 });
  const state = http.get(`http://${master}/master/state`);
  check(state, {
    'state is 200': (r) => r.status === 200,
    'state names the leader': (r) => r.json('leader') !== undefined,
  });
}
