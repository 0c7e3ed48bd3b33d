// The only entry to the generated protobuf code: configures 64-bit handling first (int64.ts).
import './int64.js';

export { hwbind } from './gen/hwbind.js';
