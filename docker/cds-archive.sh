#!/bin/sh
# Writes a class data sharing (CDS) archive for an extracted Rebound jar: <jar>.jsa beside it.
# Start with `java -XX:SharedArchiveFile=<jar>.jsa -jar <jar>`: classes are then mapped from the
# archive, already parsed and verified, instead of being read from the jars (docs/performance.md).
#
#   docker/cds-archive.sh /app/rebound.jar        # the jar written by `-Djarmode=tools ... extract`
#
# The archive is only valid for this JVM build and this jar at this absolute path; a JVM that
# cannot use it starts without it (no error). How: a training start that stops once the
# application context is refreshed (Spring's spring.context.exit=onRefresh, nothing listens, the
# database is a throw-away H2 file) lists the classes it loaded; a static dump archives them.
# Not Spring's one-step -XX:ArchiveClassesAtExit nor lambda proxies: OpenJDK 17 (Debian's 17.0.15
# here) crashes in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary writing either.
set -eu
JAR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ARCHIVE=${JAR%.jar}.jsa
TRAINING=$(mktemp -d)
trap 'rm -rf "$TRAINING"' EXIT
(cd "$TRAINING" && REBOUND_SECURITY_GENERATED_SECRETS_FILE="$TRAINING/secrets.properties" \
  java -XX:DumpLoadedClassList="$TRAINING/classes.all" -Dspring.context.exit=onRefresh \
  -Dspring.main.banner-mode=off -Dlogging.level.root=WARN -jar "$JAR" >"$TRAINING/training.log" 2>&1) \
  || { cat "$TRAINING/training.log" >&2; exit 1; }
grep -v '^@' "$TRAINING/classes.all" >"$TRAINING/classes"
java -Xshare:dump -XX:SharedClassListFile="$TRAINING/classes" -XX:SharedArchiveFile="$ARCHIVE" \
  -cp "$JAR" >"$TRAINING/dump.log" 2>&1 || { rm -f "$ARCHIVE"; tail -20 "$TRAINING/dump.log" >&2; exit 1; }
echo "CDS archive $ARCHIVE: $(wc -l <"$TRAINING/classes") classes"
