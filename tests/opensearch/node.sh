#!/usr/bin/env bash
# A real OpenSearch 2.19 cluster on 127.0.0.1 for nota's tests and benches, from Maven Central
# artifacts: the org.opensearch server jar with the analysis-common and transport-netty4 plugins,
# started in-process by NotaNode.java the way OpenSearch's test framework starts its nodes.
#
#   bash tests/opensearch/node.sh build               # fetches and builds the node (start does too)
#   bash tests/opensearch/node.sh start [--nodes N]   # prints the base URL once the cluster answers
#   bash tests/opensearch/node.sh stop [NAME]          # stops the cluster, or its node NAME (n1, n2…)
#   bash tests/opensearch/node.sh restart NAME         # starts node NAME of the running cluster again
#
# Needs Java 17 and mvn (the first start downloads some 45 MB into ~/.m2). The cluster's folders
# live under $NOTA_OPENSEARCH_HOME (default: target/opensearch beside this repository's Cargo.toml);
# HTTP ports from $NOTA_OPENSEARCH_PORT (default 19200) up, transport ports from that + 100.
# With $NOTA_OPENSEARCH_OWNER_PID, the cluster is stopped once that process has ended.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
home=${NOTA_OPENSEARCH_HOME:-$root/target/opensearch}
port=${NOTA_OPENSEARCH_PORT:-19200}
heap=${NOTA_OPENSEARCH_HEAP:-512m}
jar=$here/target/nota-opensearch-node-1.jar

build() {
  if [ ! -f "$jar" ] || [ "$here/src/main/java/nota/NotaNode.java" -nt "$jar" ] || [ "$here/pom.xml" -nt "$jar" ]; then
    (cd "$here" && mvn -q -B package -DskipTests) >&2 || {
      echo "node.sh: could not build the OpenSearch node (mvn package in $here failed)" >&2
      exit 1
    }
  fi
}

nodes_of() { cat "$home/nodes" 2>/dev/null || echo 1; }

start_node() { # index (1-based) count
  local i=$1 n=$2 name="n$1" seeds="" masters=""
  for j in $(seq 1 "$n"); do
    seeds+="${seeds:+,}127.0.0.1:$((port + 100 + j - 1))"
    masters+="${masters:+,}n$j"
  done
  mkdir -p "$home/$name"
  nohup java -Xms"$heap" -Xmx"$heap" -XX:+UseSerialGC -cp "$jar:$here/target/lib/*" nota.NotaNode \
    "$home/$name" "$name" $((port + i - 1)) $((port + 100 + i - 1)) "$seeds" "$masters" \
    >"$home/$name.log" 2>&1 &
  echo $! >"$home/$name.pid"
}

wait_for() { # url, what to wait for in _cluster/health (a status), seconds
  local url=$1 want=$2 seconds=$3
  for _ in $(seq 1 "$seconds"); do
    if curl -fs "$url/_cluster/health" 2>/dev/null | grep -Eq "\"status\":\"($want)\""; then
      return 0
    fi
    sleep 1
  done
  return 1
}

stop_node() { # name
  local pid_file="$home/$1.pid"
  [ -f "$pid_file" ] || return 0
  local pid; pid=$(cat "$pid_file")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pid_file"
}

case "${1:-}" in
  build)
    build
    ;;
  start)
    n=1
    if [ "${2:-}" = "--nodes" ]; then n=${3:?--nodes needs a number}; fi
    build
    "$0" stop >/dev/null 2>&1 || true
    rm -rf "$home"; mkdir -p "$home"; echo "$n" >"$home/nodes"
    for i in $(seq 1 "$n"); do start_node "$i" "$n"; done
    if ! wait_for "http://127.0.0.1:$port" "green|yellow" 120; then
      echo "node.sh: the cluster did not answer within 120 s; its log: $home/n1.log" >&2
      tail -20 "$home/n1.log" >&2 || true
      exit 1
    fi
    # Stopped when the process that asked for it ends (a test binary has no teardown).
    if [ -n "${NOTA_OPENSEARCH_OWNER_PID:-}" ]; then
      owner=$NOTA_OPENSEARCH_OWNER_PID
      setsid nohup bash -c "while kill -0 $owner 2>/dev/null; do sleep 2; done; \
        NOTA_OPENSEARCH_HOME='$home' NOTA_OPENSEARCH_PORT='$port' bash '$0' stop" \
        >/dev/null 2>&1 < /dev/null &
    fi
    echo "http://127.0.0.1:$port"
    ;;
  stop)
    if [ -n "${2:-}" ]; then
      # One node of several: taken out of the cluster-manager vote first, as OpenSearch asks
      # before a manager-eligible node goes, so that the others keep a quorum.
      curl -fs -XPOST "http://127.0.0.1:$port/_cluster/voting_config_exclusions?node_names=$2" \
        >/dev/null 2>&1 || curl -fs -XPOST \
        "http://127.0.0.1:$((port + 1))/_cluster/voting_config_exclusions?node_names=$2" >/dev/null 2>&1 || true
      stop_node "$2"
    else
      for pid_file in "$home"/*.pid; do [ -f "$pid_file" ] && stop_node "$(basename "$pid_file" .pid)"; done
    fi
    ;;
  restart)
    name=${2:?restart needs a node name (n1, n2, …)}
    start_node "${name#n}" "$(nodes_of)"
    # Back in the vote once it has joined.
    for _ in $(seq 1 60); do
      if curl -fs "http://127.0.0.1:$port/_cat/nodes?h=name" 2>/dev/null | grep -qx "$name"; then
        curl -fs -XDELETE "http://127.0.0.1:$port/_cluster/voting_config_exclusions?wait_for_removal=false" >/dev/null 2>&1 || true
        break
      fi
      sleep 1
    done
    ;;
  *)
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
