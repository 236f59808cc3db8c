#!/usr/bin/env bash
# Runs the examples' `dataplane` command as the distributed data plane of a private FRR bfdd on
# 127.0.0.1, then asks bfdd (vtysh) whether the peer is up. Everything lives in a temp dir and is
# removed at exit. Needs root (bfdd drops to the frr user) and `apt-get install -y frr`.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=examples/target/bgpmgmt-examples.jar
# A free port unless PORT is given: a fixed one may be taken on a shared machine.
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
[ -x /usr/lib/frr/bfdd ] || { echo "bfdd missing: apt-get install -y frr" >&2; exit 2; }
[ -f "$JAR" ] || { echo "$JAR missing: mvn -B -DskipTests package" >&2; exit 2; }

DIR=$(mktemp -d /tmp/bfdd-example.XXXXXX)
DP_PID=
cleanup() {
  [ -n "$DP_PID" ] && kill "$DP_PID" 2>/dev/null && wait "$DP_PID" 2>/dev/null || true
  [ -f "$DIR/bfdd.pid" ] && kill "$(cat "$DIR/bfdd.pid")" 2>/dev/null || true
  sleep 0.5
  rm -rf "$DIR"
}
trap cleanup EXIT

cat > "$DIR/bfdd.conf" <<CONF
bfd
 peer 127.0.0.2 local-address 127.0.0.1
 exit
!
CONF
chown -R frr:frr "$DIR"

# bfdd listens for data planes on 127.0.0.1:$PORT; every path is private to $DIR.
/usr/lib/frr/bfdd -f "$DIR/bfdd.conf" --dplaneaddr "ipv4:127.0.0.1:$PORT" -i "$DIR/bfdd.pid" \
    --vty_socket "$DIR" --bfdctl "$DIR/bfdd.sock" -z "$DIR/zserv.api" -P 0 \
    --log "file:$DIR/bfdd.log" -d
for _ in $(seq 100); do [ -S "$DIR/bfdd.vty" ] && break; sleep 0.1; done
if grep -q "failed to bind" "$DIR/bfdd.log" 2>/dev/null; then
  echo "run-with-bfdd: bfdd could not bind 127.0.0.1:$PORT" >&2; cat "$DIR/bfdd.log" >&2; exit 1
fi

java -jar "$JAR" dataplane --connect "127.0.0.1:$PORT" --state up --duration 20 > "$DIR/dataplane.out" 2>&1 &
DP_PID=$!

for _ in $(seq 100); do
  if vtysh --vty_socket "$DIR" -d bfdd -c "show bfd peers" 2>/dev/null | grep -q "Status: up"; then
    vtysh --vty_socket "$DIR" -d bfdd -c "show bfd peers"
    vtysh --vty_socket "$DIR" -d bfdd -c "show bfd peers counters"
    vtysh --vty_socket "$DIR" -d bfdd -c "show bfd distributed"
    echo "run-with-bfdd: bfdd shows the peer up through the bgpmgmt data plane"
    exit 0
  fi
  sleep 0.1
done
echo "run-with-bfdd: the peer never came up" >&2
cat "$DIR/dataplane.out" "$DIR/bfdd.log" >&2 || true
exit 1
