// 64-bit fields (Unix milliseconds, record sequence numbers) decode to plain numbers: every value
// hwbind sends fits in 2^53. Imported before the generated code so its defaults use numbers too.
import $protobuf from 'protobufjs/minimal.js';

$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
