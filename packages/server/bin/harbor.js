#!/usr/bin/env node
// The `harbor` command. Harbor's server runs its TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/index.ts');
