#!/usr/bin/env bash
# Prepares everything the notebooks need, and is safe to run again and again:
#   1. builds lib/target/microgpt.jar with Maven when it is missing or older than its sources;
#   2. (local mode) creates .venv and installs requirements.txt into it, only when
#      requirements.txt changed since the last install;
#   3. configures the JJava kernelspec `java`, which lives inside the Python prefix
#      (.venv/share/jupyter/kernels/java, or the conda env on Binder), never in ~/.local.
#
# Usage (from anywhere; it works relative to the repository root):
#   scripts/setup.sh             local mode: everything goes into .venv
#   scripts/setup.sh --binder    Binder's postBuild: use the Python/Jupyter of the current
#                                (conda) environment, which environment.yml already filled
#   scripts/setup.sh --skip-lib  do not build the library (also: SKIP_LIB=1)
#
# Environment knobs:
#   PYTHON=python3.11        interpreter used to create .venv (default: python3)
#   KERNEL_JVM_OPTS="..."    extra JVM options for the notebook kernel (added after the defaults)
set -euo pipefail

MODE=local
SKIP_LIB="${SKIP_LIB:-0}"
for arg in "$@"; do
  case "$arg" in
    --binder) MODE=binder ;;
    --skip-lib) SKIP_LIB=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "setup: unknown argument: $arg (try --help)" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { echo "setup: $*"; }
die() { echo "setup: ERROR: $*" >&2; exit 1; }

# JVM options every kernel gets. headless: Java2D charts render to images without a display.
# --add-modules: the Vector API (an incubator module in Java 17) for the library's simd engine;
# the JVM then warns "Using incubator modules" once, into the Jupyter server's log.
DEFAULT_KERNEL_JVM_OPTS="-Djava.awt.headless=true -Dfile.encoding=UTF-8 --add-modules jdk.incubator.vector"
KERNEL_JVM_OPTS_ALL="$DEFAULT_KERNEL_JVM_OPTS${KERNEL_JVM_OPTS:+ $KERNEL_JVM_OPTS}"

# ---------------------------------------------------------------- Java
command -v java >/dev/null 2>&1 || die "no 'java' on PATH; install a JDK 17 or newer"
JAVA_MAJOR="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)"
case "$JAVA_MAJOR" in
  1.*|""|[0-9]|1[0-6]) die "the kernel and the library need Java 17+, but 'java' on PATH is '${JAVA_MAJOR:-unknown}'" ;;
esac
say "java $JAVA_MAJOR at $(command -v java)"

# ---------------------------------------------------------------- the library jar
JAR="lib/target/microgpt.jar"
if [ "$SKIP_LIB" = "1" ]; then
  say "library: skipped (--skip-lib)"
elif [ ! -d lib ]; then
  say "library: no lib/ directory, skipped"
else
  stale=""
  if [ ! -f "$JAR" ]; then
    stale="missing"
  else
    newer="$(find lib/src/main lib/pom.xml pom.xml -newer "$JAR" -print -quit 2>/dev/null || true)"
    [ -n "$newer" ] && stale="older than $newer"
  fi
  if [ -n "$stale" ]; then
    command -v mvn >/dev/null 2>&1 || die "$JAR is $stale and there is no 'mvn' on PATH"
    say "library: $JAR is $stale; building it (mvn -q -DskipTests package)"
    t0=$SECONDS
    mvn -B -q -Dstyle.color=never -DskipTests package
    [ -f "$JAR" ] || die "the Maven build finished but $JAR is not there"
    # Maven may keep an unchanged jar's old mtime; mark it fresh so the next run skips the build.
    touch "$JAR"
    say "library: built in $((SECONDS - t0)) s"
  else
    say "library: $JAR is up to date"
  fi
fi

# ---------------------------------------------------------------- Python environment
if [ "$MODE" = "local" ]; then
  PY=".venv/bin/python"
  if [ ! -x "$PY" ] || ! "$PY" -c 'import sys' >/dev/null 2>&1; then
    base="${PYTHON:-python3}"
    command -v "$base" >/dev/null 2>&1 || die "no '$base' to create .venv with"
    say "python: creating .venv with $("$base" --version 2>&1)"
    rm -rf .venv
    "$base" -m venv .venv
  fi
  STAMP=".venv/.requirements.sha256"
  want="$( { cat requirements.txt; "$PY" -c 'import sys; print(sys.version)'; } | sha256sum | cut -d' ' -f1)"
  have="$(cat "$STAMP" 2>/dev/null || true)"
  if [ "$want" != "$have" ]; then
    say "python: installing requirements.txt into .venv"
    t0=$SECONDS
    "$PY" -m pip install --disable-pip-version-check -q -r requirements.txt
    echo "$want" > "$STAMP"
    say "python: installed in $((SECONDS - t0)) s"
  else
    say "python: .venv is up to date with requirements.txt"
  fi
else
  # Binder (repo2docker): environment.yml has already installed jupyterlab and jjava into the
  # active conda env (repo2docker ignores requirements.txt when environment.yml exists).
  PY="$(command -v python || command -v python3 || true)"
  [ -n "$PY" ] || die "--binder: no python on PATH"
  "$PY" -c 'import jupyterlab' 2>/dev/null || die "--binder: jupyterlab is not installed in $("$PY" -c 'import sys; print(sys.prefix)')"
  say "python: using the current environment ($("$PY" -c 'import sys; print(sys.prefix)'))"
fi

# ---------------------------------------------------------------- the Java kernelspec
# pip's jjava wheel puts the kernelspec into <prefix>/share/jupyter/kernels/java. Configure it
# in place (jjava's launcher reads JJAVA_JVM_OPTS and passes it to the kernel JVM) and check that
# the `java` kernel Jupyter resolves is that one, not a stray copy in a user or system directory.
KERNEL_JVM_OPTS_ALL="$KERNEL_JVM_OPTS_ALL" "$PY" - <<'PYEOF'
import json, os, sys
from pathlib import Path

prefix = Path(sys.prefix).resolve()
spec_dir = prefix / "share" / "jupyter" / "kernels" / "java"
spec_file = spec_dir / "kernel.json"
if not spec_file.is_file():
    sys.exit(f"setup: ERROR: {spec_file} is missing; is jjava installed in {prefix}?")

spec = json.loads(spec_file.read_text())
env = dict(spec.get("env") or {})
env["JJAVA_JVM_OPTS"] = os.environ["KERNEL_JVM_OPTS_ALL"]
new = dict(spec, env=env, interrupt_mode="message")
if new != spec:
    spec_file.write_text(json.dumps(new, indent=2) + "\n")
    print(f"setup: kernel: configured {spec_file}")
else:
    print(f"setup: kernel: {spec_file} already configured")

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_core.paths import jupyter_data_dir

found = KernelSpecManager().find_kernel_specs().get("java")
if found is None or Path(found).resolve() != spec_dir:
    sys.exit(f"setup: ERROR: Jupyter resolves the 'java' kernel to {found}, not {spec_dir}; "
             "remove the other one (jupyter kernelspec list shows where it is)")
stray = Path(jupyter_data_dir()) / "kernels" / "java"
if stray.exists():
    print(f"setup: WARNING: a user-level kernelspec {stray} exists; this environment ignores it, "
          f"but other Jupyters will use it. Remove it with: rm -r '{stray}'")
print(f"setup: kernel: 'java' -> {found}")
PYEOF

say "done"
