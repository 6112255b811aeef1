// Runs the simulator in its own process so its CPU work is not counted in the client's event
// loop (a real register is elsewhere on the network). Speaks to the parent over IPC only. It
// also collects test plates, so that set-up work stays out of the client's CPU profile.
import { startSimulator } from '@kjoretoyregister/simulator';
import { naiveTokenSource } from './fiks.mjs';
import { collectPlates } from './plates.mjs';

const options = JSON.parse(process.argv[2] ?? '{}');
const simulator = await startSimulator({ port: 0, ...options });
let stopping;
const stop = () =>
  (stopping ??= simulator.stop().finally(() => {
    process.disconnect?.();
  }));

async function answer(message) {
  if (message?.type === 'stop') return void stop();
  if (message?.type === 'cpuUsage') {
    const { user, system } = process.cpuUsage();
    return void process.send({ type: 'reply', id: message.id, cpuMs: (user + system) / 1000 });
  }
  if (message?.type !== 'collectPlates') return;
  try {
    const fetchToken = await naiveTokenSource(simulator);
    const plates = await collectPlates(simulator, await fetchToken(), message.count);
    process.send({ type: 'reply', id: message.id, plates });
  } catch (error) {
    process.send({ type: 'reply', id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
}

process.on('message', (message) => void answer(message));
// The parent died or let go: never outlive it.
process.on('disconnect', () => void stop());

process.send({
  type: 'ready',
  url: simulator.url,
  fiksBaseUrl: simulator.fiksBaseUrl,
  tokenUrl: simulator.tokenUrl,
  env: simulator.env,
  demo: simulator.demo,
});
