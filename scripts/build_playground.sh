#!/usr/bin/env bash
# The playground page and the library in WebAssembly, in web/target/playground/ (and the CLI jar):
# TeaVM compiles the web module when any Java source or page file is newer than its output.
set -euo pipefail
cd "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=web/target/playground/microgpt.wasm
if [ ! -f "$out" ] || [ ! -f lib/target/microgpt.jar ] \
   || [ -n "$(find lib/src/main web/src/main web/pom.xml lib/pom.xml pom.xml -newer "$out" -print -quit)" ]; then
  echo "build-playground: mvn package -pl lib,web (TeaVM, about 20 s)"
  ${MVN:-mvn} -B -q -DskipTests package -pl lib,web
fi
