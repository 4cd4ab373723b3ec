#!/bin/bash
# Writes the AppCDS archive that the JVM options name (-XX:SharedArchiveFile in Dockerfile.jvm): the classes of one
# training start of the service, which a real start then maps instead of loading and verifying them from the jars
# (docs/operations.md, "The JVM"). The training start needs no database, broker or key (the pools and the Kafka clients
# connect lazily; migrations are left out) and is stopped once it has started: the JVM writes the archive as it
# exits. An archive is only valid for the JVM that wrote it and the same jars, so it is written where the service
# runs: in the image build (Dockerfile.jvm) and, for the benchmark, by the bench profile (pom.xml).
# Bash built-ins only besides java, sleep and rm, for the runtime image.
# Usage: app-cds.sh <quarkus-app directory> <archive>
set -eu
app=$1
archive=$2
log=$archive.log
rm -f "$archive"
: > "$log"
MP_JWT_VERIFY_PUBLICKEY_LOCATION=/dev/null QUARKUS_FLYWAY_MIGRATE_AT_START=false QUARKUS_HTTP_PORT=0 \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://127.0.0.1:1/training \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:1/training \
  java -XX:ArchiveClassesAtExit="$archive" -jar "$app/quarkus-run.jar" > "$log" 2>&1 &
pid=$!
# Never leave the training start behind, whatever stops this script.
trap 'kill "$pid" 2> /dev/null || true' EXIT
for ((second = 0; second < 120; second++)); do
  if [[ "$(< "$log")" == *"started in"* ]] || ! kill -0 "$pid" 2> /dev/null; then
    break
  fi
  sleep 1
done
kill "$pid" 2> /dev/null || true
wait "$pid" || true
trap - EXIT
if [ ! -s "$archive" ]; then
  echo "app-cds.sh: no archive written; the training start said:" >&2
  echo "$(< "$log")" >&2
  exit 1
fi
rm -f "$log"
