#!/usr/bin/env bash
# Provisions a real VS Code (code-server's VS Code server + Node 24) for test/e2e. Filled in by the client work.
exit 0
