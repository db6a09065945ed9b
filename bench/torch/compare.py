"""make bench-torch: PyTorch and our engine on the same model, one table of ms/step, real tokens/s and the ratio.

Usage (make bench-torch runs it with .venv-torch's interpreter):
    python bench/torch/compare.py [--steps N] [--engine-args "--engine simd --threads 2"]

PyTorch runs bench/torch/makemore_transformer.py (its warm-up untimed) on as many threads as the
machine has cores and on one: on a busy machine its spinning OpenMP threads can be many times
slower than one thread, and the ratio is taken against the faster of the two. Our engine runs
bin/microgpt train on the same configuration twice, for WARMUP and for WARMUP + N steps (the same
seed, so the same first documents): the done lines give the whole run's figures (JIT warm-up
included) and, by difference, those of the last N steps alone, which are set against PyTorch's. Without --engine-args it takes the fastest options the CLI lists
in `train --help`: --engine simd and --threads <cores> when they exist. Standard library only, so
that the parsing is tested without torch.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET = 1.5  # the goal: our real tokens/s at least 1.5 x PyTorch's
WARMUP = 20   # untimed steps, as makemore_transformer.py's default
MODEL = ["--n-layer", "4", "--n-embd", "64", "--n-head", "4", "--block-size", "16", "--batch-size", "32"]
OPTIMIZER = ["--lr", "5e-4", "--weight-decay", "0.01"]

TORCH_LINE = re.compile(r"^torch: (\d+) steps \| ([\d.]+) ms/step \| ([\d,]+) tokens/s \|")
DONE_LINE = re.compile(r"^done: (\d+) steps in [\d.]+ s wall \| ([\d.]+) ms/step \| ([\d,]+) tokens/s \|")


class BenchError(Exception):
    """A run failed or printed no result line: one line for the user."""


def parse(output, pattern, what):
    """(ms/step, tokens/s) from the last line of `output` that matches `pattern`."""
    for line in reversed(output.splitlines()):
        match = pattern.match(line.strip())
        if match:
            return float(match.group(2)), float(match.group(3).replace(",", ""))
    tail = output.strip().splitlines()[-1:] or ["(no output)"]
    raise BenchError(f"{what} printed no result line; its last line was: {tail[0]}")


def option_help(help_text, option):
    """The description of one option in picocli's help: its line and the indented lines that go on with it."""
    lines = help_text.splitlines()
    for i, line in enumerate(lines):
        if re.match(rf"\s*(-\w, )?{re.escape(option)}\b", line):
            block = [line]
            for more in lines[i + 1:]:
                if not more.strip() or more.strip().startswith("-"):
                    break
                block.append(more)
            return "\n".join(block)
    return ""


def auto_engine_args(help_text, cores):
    """The fastest options this CLI has: --engine simd and --threads N, each only if `train --help` lists it."""
    args = []
    if re.search(r"\bsimd\b", option_help(help_text, "--engine")):
        args += ["--engine", "simd"]
    if option_help(help_text, "--threads"):
        args += ["--threads", str(cores)]
    return args


def after_warmup(short, long, short_steps, long_steps):
    """(ms/step, tokens/s) of the steps a long run has beyond a short one, from the two runs' (ms/step, tokens/s)."""
    seconds = (long[0] * long_steps - short[0] * short_steps) / 1000
    tokens = long[1] * long[0] * long_steps / 1000 - short[1] * short[0] * short_steps / 1000
    if seconds <= 0 or tokens <= 0:
        raise BenchError(f"the longer run of ours took no longer than the warm-up run ({long[0]} against {short[0]} ms/step);"
                         " the machine is too busy to measure, try again or with more --steps")
    return seconds * 1000 / (long_steps - short_steps), tokens / seconds


def table(torch_rows, ours_rows):
    """The report: one row per run as (label, (ms/step, tokens/s)), each one's tokens/s over the
    fastest PyTorch run's, and whether ours (its last row) reaches the target against that one."""
    best = max(tps for _, (_, tps) in torch_rows)
    rows = [(label, result, result[1] / best) for label, result in [*torch_rows, *ours_rows]]
    ratio = rows[-1][2]
    width = max(len(label) for label, _, _ in rows)
    lines = [f"{'engine':<{width}}  {'ms/step':>9}  {'real tokens/s':>13}  {'ratio':>6}"]
    for label, (ms, tps), r in rows:
        lines.append(f"{label:<{width}}  {ms:>9.2f}  {tps:>13,.0f}  {r:>5.2f}x")
    verdict = "met" if ratio >= TARGET else "not met"
    lines.append(f"target: ours >= {TARGET}x the fastest PyTorch's real tokens/s: {verdict} ({ratio:.2f}x)")
    return "\n".join(lines)


def run(command, what):
    """Runs a command, returns its stdout; a failure is one line naming the command and its last words."""
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    except OSError as e:
        raise BenchError(f"{what} could not start ({command[0]}): {e.strerror}")
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip() or "(no output)").splitlines()[-1]
        raise BenchError(f"{what} failed with status {done.returncode}: {last}")
    return done.stdout


def main(argv=None):
    p = argparse.ArgumentParser(description="PyTorch and our engine on the same model.")
    p.add_argument("--steps", type=int, default=200, help="timed steps of each (default 200)")
    p.add_argument("--engine-args", default=None, help="extra options for our train (default: the fastest the CLI has)")
    args = p.parse_args(argv)
    if args.steps < 1:
        p.error(f"--steps must be at least 1, got {args.steps}")
    cores = os.cpu_count() or 1
    launcher = str(ROOT / "bin" / "microgpt")
    try:
        if args.engine_args is None:
            engine_args = auto_engine_args(run([launcher, "train", "--help"], "bin/microgpt train --help"), cores)
        else:
            engine_args = shlex.split(args.engine_args)
        load = os.getloadavg()[0]
        print(f"machine: {cores} cores, load average {load:.1f} before the runs"
              + (" (shared: other work competes, the figures are noisy)" if load > 0.5 * cores else ""))
        torch_rows = []
        for threads in sorted({cores, 1}, reverse=True):
            out = run([sys.executable, str(ROOT / "bench" / "torch" / "makemore_transformer.py"),
                       "--steps", str(args.steps), "--threads", str(threads)], f"PyTorch on {threads} threads")
            torch_rows.append((f"PyTorch 2.15, {threads} thread{'s' if threads > 1 else ''}", parse(out, TORCH_LINE, "PyTorch")))
        ours = {}
        for steps in (WARMUP, WARMUP + args.steps):
            out = run([launcher, "train", *MODEL, *OPTIMIZER, "--steps", str(steps), "--samples", "0", *engine_args],
                      f"bin/microgpt train --steps {steps}")
            ours[steps] = parse(out, DONE_LINE, "bin/microgpt train")
        label = "microgpt " + " ".join(engine_args or ["(default engine)"])
        print(table(torch_rows, [(f"{label}, all {WARMUP + args.steps} steps", ours[WARMUP + args.steps]),
                                 (f"{label}, after {WARMUP}", after_warmup(ours[WARMUP], ours[WARMUP + args.steps],
                                                                           WARMUP, WARMUP + args.steps))]))
    except BenchError as e:
        print(f"bench-torch: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
