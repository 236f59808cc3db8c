#!/usr/bin/env bash
# The end-to-end comparison: builds the jars, then runs the raw NIO floor, this project's BgpMgmt
# server, a Netty 4.2 NIO server and FRR's bfdd (when installed) in turn under the same load,
# rounds interleaved, and writes one Markdown table of medians with ratios (--out).
# With 2 CPUs or more, each server runs pinned to CPU 1 and the load generator to CPU 0, so the
# server's CPU time per echoed message is its own and comparable; SERVER_CPUS=N pins the servers
# to CPU N instead, SERVER_CPUS=none turns pinning off.
# Arguments go to the runner: --rounds N --warmup S --duration S --sessions N --servers LIST
# --scenarios LIST --out FILE (see E2eRunner).
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true   # 1 000 connections need 2 000+ descriptors
[ "${SKIP_BUILD:-}" = 1 ] || mvn -B -q -DskipTests package
jar=benchmarks/target/benchmarks.jar
server_cpus=${SERVER_CPUS:-1}
if [ "$server_cpus" != none ] && taskset -c 0 true 2>/dev/null && taskset -c "$server_cpus" true 2>/dev/null; then
  exec taskset -c 0 java -cp "$jar" org.bgpmgmt.load.E2eRunner --server-cpus "$server_cpus" "$@"
fi
[ "$server_cpus" = none ] || echo "run-e2e.sh: cannot pin to CPU 0 and CPU $server_cpus: servers and load generator share the CPUs" >&2
exec java -cp "$jar" org.bgpmgmt.load.E2eRunner "$@"
