// Real processes for integration tests: the same helpers the benchmark suite starts gateways with.
export * from '../../bench/processes.js';
