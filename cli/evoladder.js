#!/usr/bin/env node
// `npm ci` compiles src/ to dist/ (the root `prepare` script); the CLI runs from there.
await import("../dist/cli.js")
