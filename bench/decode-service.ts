// What teams build without hwbind, for the relay benchmark to compare with: Mosquitto plus one Node
// service subscribed to every device's up topics, decoding each envelope with hwbind's codec and
// checking it against its topic as the gateway's router does. A child process driven over IPC:
// `count` answers how many messages it has decoded (and refused) so far.
import mqtt from 'mqtt';
import { decodeEnvelope } from '../protocol/messages.js';
import { checkBodyForTopic, MAX_UP_PAYLOAD, parseTopic } from '../protocol/topics.js';

export type ServiceCommand = { type: 'count' } | { type: 'close' };
export type ServiceEvent = { type: 'ready' } | { type: 'count'; decoded: number; refused: number } | { type: 'closed' };

const [url, qos] = process.argv.slice(2);
const send = (e: ServiceEvent) => process.send!(e);
let decoded = 0;
let refused = 0;

const client = mqtt.connect(url!, { protocolVersion: 4, clean: true, clientId: 'decode-service', reconnectPeriod: 0 });
client.on('message', (topic, payload) => {
  try {
    const parsed = parseTopic(topic);
    const env = decodeEnvelope(payload, MAX_UP_PAYLOAD);
    if (!parsed) throw new Error(`not a device topic: ${topic}`);
    checkBodyForTopic(parsed.name, env.body!);
    decoded++;
  } catch {
    refused++;
  }
});
client.on('connect', () => {
  client.subscribe('hw/v1/+/up/#', { qos: Number(qos) as 0 | 1 }, (err) => {
    if (err) throw err;
    send({ type: 'ready' });
  });
});
process.on('message', (cmd: ServiceCommand) => {
  if (cmd.type === 'count') send({ type: 'count', decoded, refused });
  else client.end(true, () => send({ type: 'closed' }));
});
