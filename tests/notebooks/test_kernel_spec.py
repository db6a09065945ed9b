"""The kernel spec scripts/setup.sh writes: the JVM flags reach the real Java kernel.

Run it with the venv's interpreter: .venv/bin/python -m pytest tests/notebooks/test_kernel_spec.py
"""
import json
import sys
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[2]
SPEC = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java" / "kernel.json"
# Reflection, not an import: cells compile without the module, the library's simd engine needs it at run time.
CELL = """
String vector = Class.forName("jdk.incubator.vector.DoubleVector").getModule().getName();
vector + " headless=" + java.awt.GraphicsEnvironment.isHeadless() + " encoding=" + System.getProperty("file.encoding")
"""


def test_the_spec_passes_every_default_flag_to_the_kernel_jvm():
    opts = json.loads(SPEC.read_text())["env"]["JJAVA_JVM_OPTS"].split()
    for flag in ("-Djava.awt.headless=true", "-Dfile.encoding=UTF-8"):
        assert flag in opts, f"{SPEC}: {flag} missing from JJAVA_JVM_OPTS {opts}"
    assert opts[opts.index("--add-modules") + 1] == "jdk.incubator.vector", opts
    # The spec starts with setup.sh's defaults (KERNEL_JVM_OPTS may add more), so a flag added there is checked too.
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    line = next(line for line in setup.splitlines() if line.startswith("DEFAULT_KERNEL_JVM_OPTS="))
    defaults = line.split("=", 1)[1].strip('"').split()
    assert opts[:len(defaults)] == defaults, f"{SPEC} is older than scripts/setup.sh; run scripts/setup.sh"


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_new_kernel(kernel_name="java", startup_timeout=120, cwd=str(ROOT / "notebooks"))
    try:
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_the_kernel_jvm_has_the_vector_api_and_runs_headless(kernel):
    outputs = []
    reply = kernel.execute_interactive(CELL, timeout=120, output_hook=lambda msg: outputs.append(msg))
    assert reply["content"]["status"] == "ok", reply["content"]
    results = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
    assert results == ["jdk.incubator.vector headless=true encoding=UTF-8"], outputs

