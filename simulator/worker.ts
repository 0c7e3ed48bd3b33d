// A fleet worker process: holds one group of simulated devices and obeys the fleet runner over IPC
// (simulator/fleet.ts forks it), so a fleet can exceed one process's 20,000 open files.
import type { WorkerReply, WorkerRequest } from './fleet.js';
import { LocalGroup } from './group.js';

let group: LocalGroup | null = null;

function reply(message: WorkerReply): void {
  process.send?.(message);
}

async function handle(req: WorkerRequest): Promise<unknown> {
  if (req.op === 'init') {
    group = new LocalGroup(req.options);
    return undefined;
  }
  if (!group) throw new Error('worker not initialised');
  switch (req.op) {
    case 'start':
      return group.start(req.devices);
    case 'counts':
      return group.counts();
    case 'faults':
      return group.faults(req.targets);
    case 'holdingBinding':
      return group.holdingBinding(req.sns);
    case 'punch':
      return group.punch(req.perSecond, req.durationMs);
    case 'recordRanges':
      return group.recordRanges();
    case 'capture':
      return group.capture(req.conditions);
    case 'otaFaults':
      return group.otaFaults(req.assignments);
    case 'firmware':
      return group.firmware(req.sns);
    case 'stop':
      return group.stop();
  }
}

process.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (value) => reply({ id: req.id, ok: true, value }),
    (err: Error) => reply({ id: req.id, ok: false, error: err.message }),
  );
});
// The fleet runner's end (or death) ends the worker.
process.on('disconnect', () => {
  void (group?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
});
