// Loaded into each test worker when coverage is on (vitest.config.ts): the processes the tests start
// inherit NODE_V8_COVERAGE and write their coverage there. Set here, not for vitest itself, so that
// the workers' own coverage comes from vitest, which maps its transformed modules correctly.
const dir = process.env.HWBIND_CHILD_COVERAGE;
if (dir) process.env.NODE_V8_COVERAGE = dir;
