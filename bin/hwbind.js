#!/usr/bin/env node
// The `hwbind` binary: loads the TypeScript sources through tsx, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
