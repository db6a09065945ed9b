"""bin/microgpt: the real CLI through the launcher, and the JVM flags it picks (seen through a stand-in java)."""
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "bin" / "microgpt"
JAR = ROOT / "lib" / "target" / "microgpt.jar"
needs_jar = pytest.mark.skipif(not JAR.is_file(), reason="lib/target/microgpt.jar is not built (make build)")


def launch(*args, cwd=ROOT, launcher=LAUNCHER, env=None, timeout=120):
    full_env = {k: v for k, v in os.environ.items() if k not in ("JAVA", "MICROGPT_JAVA_OPTS", "MICROGPT_CDS")}
    full_env.update(env or {})
    return subprocess.run([str(launcher), *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


@needs_jar
def test_a_short_run_prints_the_reference_steps_and_a_done_line_with_tokens_per_second():
    r = launch("train", "--steps", "5", "--samples", "2")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[:4] == ["num docs: 32033", "vocab size: 27", "num params: 4192", "step    1 /    5 | loss 3.3660"]
    assert "step    5 /    5 | loss 3.2437" in lines
    assert lines[-1].startswith("done: 5 steps in ") and " tokens/s | mean loss of the last 5 steps 3.2580" in lines[-1]
    assert r.stderr == "", "the JVM's incubator warning must not reach stderr"


@needs_jar
def test_it_works_from_another_directory_through_a_symlink_with_arguments_that_contain_spaces(tmp_path):
    link = tmp_path / "link to microgpt"
    link.symlink_to(LAUNCHER)
    data = tmp_path / "my data" / "a few names.txt"
    data.parent.mkdir()
    data.write_text("anna\nbob\ncarla\ndave\nemma\nfrank\ngreta\nhans\nida\njon\n")
    r = launch("train", "--data", str(data), "--steps", "3", "--samples", "0", cwd=tmp_path, launcher=link)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "num docs: 10"


@needs_jar
def test_the_clis_exit_status_and_one_line_error_pass_through():
    r = launch("train", "--n-embd", "18")
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("train: n_embd (18) must be divisible by n_head (4)"), r.stderr


@needs_jar
def test_ctrl_c_stops_at_a_step_boundary_with_status_130():
    # A terminal's Ctrl-C reaches the whole foreground process group: the JVM and the launcher's stderr filter.
    # SIGINT as a terminal leaves it: a test run started in the background (`make test &` from a script) ignores it,
    # and the JVM keeps an ignored SIGINT ignored.
    p = subprocess.Popen([str(LAUNCHER), "train", "--steps", "1000000", "--samples", "0"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert p.stdout.readline().startswith("num docs:")
        p.stdout.readline(), p.stdout.readline(), p.stdout.readline()  # the header, then the first step
        time.sleep(0.5)
        os.killpg(p.pid, signal.SIGINT)
        out, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
    assert p.returncode == 130, err
    assert "interrupted after " in out and err == ""


def fake_repo(tmp_path, jar=True):
    """A copy of the launcher in a repository of its own; its java is a script that prints each argument on a line."""
    (tmp_path / "bin").mkdir()
    shutil.copy2(LAUNCHER, tmp_path / "bin" / "microgpt")
    (tmp_path / "lib" / "target").mkdir(parents=True)
    if jar:
        (tmp_path / "lib" / "target" / "microgpt.jar").write_bytes(b"")
    java = tmp_path / "fake-java"
    java.write_text('#!/bin/sh\nfor a in "$@"; do echo "$a"; done\nexit 7\n')
    java.chmod(0o755)
    return tmp_path / "bin" / "microgpt", str(java)


def java_args(launcher, java, *args, env=None):
    r = launch(*args, launcher=launcher, env={"JAVA": java, **(env or {})})
    assert r.returncode == 7, r.stderr  # the stand-in's status, passed through
    return r.stdout.splitlines()


def test_a_missing_jar_is_one_line_that_says_to_run_make_build(tmp_path):
    launcher, _ = fake_repo(tmp_path, jar=False)
    r = launch("train", launcher=launcher)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "microgpt.jar is missing" in r.stderr and "make build" in r.stderr, r.stderr


def test_a_missing_java_is_one_line(tmp_path):
    launcher, _ = fake_repo(tmp_path)
    r = launch("train", launcher=launcher, env={"JAVA": str(tmp_path / "no-such-java")})
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "JDK 17" in r.stderr, r.stderr


def test_small_runs_with_scalar_kernels_get_c1_only_and_the_rest_the_full_jit(tmp_path):
    launcher, java = fake_repo(tmp_path)
    c1 = "-XX:TieredStopAtLevel=1"
    assert c1 in java_args(launcher, java, "train")                                      # 4,192 x 1 x 1,000
    assert c1 in java_args(launcher, java, "train", "--steps=20000")                     # 84 million
    assert c1 not in java_args(launcher, java, "train", "--steps", "30000")              # 126 million
    assert c1 in java_args(launcher, java, "train", "--n-embd", "24", "--n-head", "4")  # below the vector width
    assert c1 not in java_args(launcher, java, "train", "--n-embd=32", "--steps", "10")  # the fast engine's vector kernels
    assert c1 in java_args(launcher, java, "train", "--n-embd", "32", "--steps", "10", "--engine", "scalar")
    assert c1 not in java_args(launcher, java, "train", "--engine", "simd")              # the Vector API needs C2
    assert c1 not in java_args(launcher, java, "train", "--n-layer", "4", "--n-embd", "64", "--batch-size", "32")
    assert c1 not in java_args(launcher, java, "train", "--n-embd", "9" * 12)            # no overflow: large
    assert c1 in java_args(launcher, java, "train", "--steps", "lots")                  # the CLI will refuse it
    assert c1 in java_args(launcher, java, "sample", "--model", "m.mgpt")
    assert c1 in java_args(launcher, java, "--help")
    assert c1 not in java_args(launcher, java, "eval", "--model", "m.mgpt")


def test_every_run_gets_the_vector_module_and_the_users_options_last_and_arguments_stay_whole(tmp_path):
    launcher, java = fake_repo(tmp_path)
    args = java_args(launcher, java, "train", "--data", "a file with spaces.txt",
                     env={"MICROGPT_JAVA_OPTS": "-Xmx1g -XX:TieredStopAtLevel=4"})
    assert args[args.index("--add-modules") + 1] == "jdk.incubator.vector"
    jar = args.index("-jar")
    assert args[jar - 2:jar] == ["-Xmx1g", "-XX:TieredStopAtLevel=4"], args  # after ours, so they win
    assert args[jar + 1].endswith("lib/target/microgpt.jar")
    assert args[jar + 2:] == ["train", "--data", "a file with spaces.txt"]


def test_the_class_data_archive_is_used_when_fresh_and_rewritten_when_the_jar_changes(tmp_path):
    launcher, java = fake_repo(tmp_path)
    jar, archive = tmp_path / "lib" / "target" / "microgpt.jar", tmp_path / "lib" / "target" / "microgpt.jsa"
    first = java_args(launcher, java, "train")
    assert any(a.startswith("-XX:ArchiveClassesAtExit=" + str(archive) + ".") for a in first), first
    assert not list(archive.parent.glob("*.tmp")), "a run that wrote no archive leaves no temporary file"
    archive.write_bytes(b"archive")
    assert "-XX:SharedArchiveFile=" + str(archive) in java_args(launcher, java, "train")
    os.utime(jar, (time.time() + 5, time.time() + 5))  # a rebuilt jar: the archive is stale
    assert not any(a.startswith("-XX:SharedArchiveFile") for a in java_args(launcher, java, "train"))
    assert not any("Archive" in a for a in java_args(launcher, java, "train", env={"MICROGPT_CDS": "0"}))


@needs_jar
def test_the_first_real_run_writes_the_archive_and_the_next_one_maps_it_with_the_same_output(tmp_path):
    launcher, _ = fake_repo(tmp_path, jar=False)
    (tmp_path / "lib" / "target" / "microgpt.jar").symlink_to(JAR)
    archive = tmp_path / "lib" / "target" / "microgpt.jsa"
    first = launch("train", "--steps", "3", "--samples", "2", launcher=launcher)
    assert first.returncode == 0 and first.stderr == "", first.stderr
    assert archive.is_file() and archive.stat().st_size > 100_000
    second = launch("train", "--steps", "3", "--samples", "2", launcher=launcher)
    assert second.returncode == 0 and second.stderr == "", second.stderr
    assert second.stdout.splitlines()[:-1] == first.stdout.splitlines()[:-1]  # all but the timed done line


@needs_jar
def test_the_simd_engine_runs_through_the_launcher_without_the_incubator_warning():
    if "simd" not in launch("train", "--help").stdout:
        pytest.skip("this CLI has no --engine simd yet")
    r = launch("train", "--engine", "simd", "--steps", "5", "--samples", "0")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert r.stdout.splitlines()[3] == "step    1 /    5 | loss 3.3660"
