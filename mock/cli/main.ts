#!/usr/bin/env node
// The `bankconnect-mock` executable (and `npm start`).
import { runMockCli } from "./program.js";

await runMockCli();
