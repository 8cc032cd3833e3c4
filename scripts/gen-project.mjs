#!/usr/bin/env node
// Writes a deterministic generated Django project (the benchmark corpus).
// usage: node scripts/gen-project.mjs --files N [--seed S] --out DIR   (logic: bench/gen/)
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../bench/gen/cli.ts', import.meta.url);
process.exitCode = main(process.argv.slice(2));
