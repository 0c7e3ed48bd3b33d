import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../gateway/config.js';
import { tempDir } from '../helpers/processes.js';

describe('gateway configuration', () => {
  const file = join(tempDir(), 'gw.yaml');
  writeFileSync(file, 'mqttPort: 2883\nhttpPort: 9080\ndata: /srv/hwbind\n');

  it('takes a flag over the environment over the config file over the default', () => {
    const env = { HWBIND_MQTT_PORT: '3883', HWBIND_DATA: '/env/data' };
    const cfg = resolveConfig({ config: file, mqttPort: '4883' }, env);
    expect(cfg.mqttPort).toBe(4883);
    expect(cfg.data).toBe('/env/data');
    expect(cfg.httpPort).toBe(9080);
    expect(cfg.heartbeatInterval).toBe(30);
    expect(cfg.publicUrl).toBe('http://localhost:9080');
    expect(resolveConfig({}, {}).mqttPort).toBe(1883);
  });

  it('takes serial ports from repeated flags, a comma-separated variable or a list in the file', () => {
    const ports = join(tempDir(), 'ports.yaml');
    writeFileSync(ports, 'serial:\n  - /dev/ttyUSB0:921600\n  - /dev/ttyUSB1\n');
    expect(resolveConfig({ config: ports }, {}).serial).toEqual(['/dev/ttyUSB0:921600', '/dev/ttyUSB1']);
    expect(resolveConfig({ config: ports }, { HWBIND_SERIAL: '/dev/ttyACM0, /dev/ttyACM1:57600' }).serial).toEqual([
      '/dev/ttyACM0',
      '/dev/ttyACM1:57600',
    ]);
    expect(resolveConfig({ config: ports, serial: ['/dev/ttyS0'] }, {}).serial).toEqual(['/dev/ttyS0']);
    expect(resolveConfig({}, {}).serial).toEqual([]);
    expect(() => resolveConfig({ serial: ['/dev/ttyUSB0:fast'] }, {})).toThrow(/serial from --serial/);
    expect(() => resolveConfig({}, { HWBIND_SERIAL: '/dev/ttyUSB0:10' })).toThrow(/HWBIND_SERIAL.*baud rate/);
  });

  it('refuses bad values and unknown settings with clear errors', () => {
    expect(() => resolveConfig({ mqttPort: 'abc' }, {})).toThrow(/mqttPort from --mqtt-port must be a whole number/);
    expect(() => resolveConfig({ httpPort: 70000 }, {})).toThrow(/from 0 to 65535/);
    expect(() => resolveConfig({ heartbeatInterval: 0 }, {})).toThrow(/heartbeatInterval from --heartbeat-interval/);
    expect(() => resolveConfig({ publicUrl: 'hw.example.com' }, {})).toThrow(/must be an http\(s\) URL/);
    expect(() => resolveConfig({}, { HWBIND_HTTP_PORT: '80x' })).toThrow(/HWBIND_HTTP_PORT/);
    const bad = join(tempDir(), 'bad.yaml');
    writeFileSync(bad, 'mqttport: 1\n');
    expect(() => resolveConfig({ config: bad }, {})).toThrow(/unknown setting "mqttport"/);
    expect(() => resolveConfig({ tlsCert: 'a.pem' }, {})).toThrow(/--tls-cert and --tls-key go together/);
  });
});
