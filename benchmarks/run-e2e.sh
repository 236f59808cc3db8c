#!/usr/bin/env bash
# The end-to-end comparison: builds the jars, then runs this project's BgpMgmt server, a Netty 4.2
# NIO server, a raw NIO loop and FRR's bfdd (when installed) in turn under the same load, rounds
# interleaved, and prints one table of medians with ratios to this project.
# Arguments go to the runner: --rounds N --warmup S --duration S --sessions N --out FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true   # 1 000 connections need 2 000+ descriptors
[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests package
exec java -cp benchmarks/target/benchmarks.jar org.bgpmgmt.load.E2eRunner "$@"
