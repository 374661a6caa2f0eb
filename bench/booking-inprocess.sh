#!/usr/bin/env bash
# In-process booking benchmark (issue 9): BookingBenchmark (booking-service test sources, not a test) against an
# embedded PostgreSQL and Kafka, next to pgbench running the same SQL transaction on the same database in the same
# run. Needs pgbench (apt-get install postgresql-client). Arguments: [workers=8] [seconds=20] [celebrities=200]
# [windows per celebrity=20]; its files (the captured SQL, the pgbench scripts and reports) go to
# booking-service/target/booking-bench.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export PATH="$JAVA_HOME/bin:$PATH" MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
command -v pgbench >/dev/null || { echo "needs pgbench (apt-get install postgresql-client)" >&2; exit 1; }
cd "$ROOT"
mvn -B -q -o -pl booking-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd booking-service
exec java -Xmx1g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dlogging.level.root=WARN -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  com.starrymeet.booking.bench.BookingBenchmark "${1:-8}" "${2:-20}" "${3:-200}" "${4:-20}" target/booking-bench
