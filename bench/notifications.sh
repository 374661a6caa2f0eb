#!/usr/bin/env bash
# Notification benchmarks (issue 11), in-process against the embedded PostgreSQL, Kafka, Redis and a GreenMail SMTP
# server (notification-service's test sources, run by Surefire with -Dbench=true; not part of the build):
#   NotificationThroughputBenchmark  a burst of 1,000 events from Kafka to the SMTP server: messages/s
#   LiveBroadcastBenchmark           1,000 open WebSocket clients, 20 broadcasts: delivery p50/p99/max
# Sizes: EVENTS (1000), SOCKETS (1000), ROUNDS (20). Prints the BENCH lines.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH" MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
cd "$ROOT"
OFFLINE=-o; mvn -B -q -o -N validate >/dev/null 2>&1 || OFFLINE=
mvn -B -q $OFFLINE -pl common-lib -am -DskipTests install
LOG="$ROOT/notification-service/target/notification-bench.log"
mkdir -p "$(dirname "$LOG")"; : > "$LOG.bench"
# each benchmark in a JVM (and a Spring context) of its own: the burst's leftovers never slow the sockets' run
for benchmark in NotificationThroughputBenchmark LiveBroadcastBenchmark; do
  mvn -B $OFFLINE -pl notification-service test -Dbench=true -Dtest="$benchmark" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.events="${EVENTS:-1000}" -Dbench.sockets="${SOCKETS:-1000}" -Dbench.rounds="${ROUNDS:-20}" > "$LOG" 2>&1 \
    || { tail -40 "$LOG" >&2; echo "$benchmark failed; the whole log: $LOG" >&2; exit 1; }
  grep -h '^BENCH' "$ROOT/notification-service/target/surefire-reports/com.starrymeet.notification.bench.$benchmark-output.txt" \
    >> "$LOG.bench"
done
echo "notification benchmarks, $(nproc) cores, $(date -u +%FT%TZ):"
cat "$LOG.bench"
