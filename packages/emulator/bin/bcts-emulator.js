#!/usr/bin/env node
// The published command. A committed shim, so that installing the workspace links the bin before
// anything is built; the code is dist/cli.js, built from src/cli.ts.
import "../dist/cli.js";
