"""make bench-torch's report (bench/torch/compare.py): parsing both programs' lines, the options, the ratio. No torch needed."""
import importlib.util
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("compare", ROOT / "bench" / "torch" / "compare.py")
compare = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare)


def test_the_torch_line_gives_ms_per_step_and_tokens_per_second():
    out = "some warning\ntorch: 200 steps | 19.85 ms/step | 11,234 tokens/s | loss 2.4512 | threads 2\n"
    assert compare.parse(out, compare.TORCH_LINE, "PyTorch") == (19.85, 11234.0)


def test_the_last_done_line_counts_and_its_thousands_separators_are_read():
    out = ("step    1 /    2 | loss 3.3\n"
           "done: 2 steps in 1.20 s wall | 310.500 ms/step | 1,234,567 tokens/s | mean loss of the last 2 steps 2.9\n")
    assert compare.parse(out, compare.DONE_LINE, "ours") == (310.5, 1234567.0)


def test_no_result_line_is_one_error_with_the_last_line_printed():
    with pytest.raises(compare.BenchError, match=r"^ours printed no result line; its last line was: train: bad flag$"):
        compare.parse("num docs: 3\ntrain: bad flag\n", compare.DONE_LINE, "ours")
    with pytest.raises(compare.BenchError, match=r"\(no output\)"):
        compare.parse("", compare.TORCH_LINE, "PyTorch")


OLD_HELP = """Usage: microgpt train [-hV] [--engine=ENGINE] [--steps=N]
      --steps=N          training steps (default: 1000)
      --engine=ENGINE    scalar (a graph of Values, as the reference) or fast
                           (flat arrays): the same numbers (default: fast)
      --save=FILE        write the trained model; never a simd file
"""
NEW_HELP = """Usage: microgpt train [-hV] [--engine=ENGINE] [--threads=N]
      --engine=ENGINE    scalar (a graph of Values, as the reference) or fast
                           (flat arrays): the same numbers;
                         simd (fast with the Vector API, sums reordered: equal
                           to the last bits) (default: fast)
      --threads=N        threads of the fast engine
  -h, --help             Show this help message and exit.
"""


def test_the_engine_options_are_taken_only_when_the_cli_lists_them():
    assert compare.auto_engine_args(OLD_HELP, 2) == []  # "simd" in another option's text does not count
    assert compare.auto_engine_args(NEW_HELP, 2) == ["--engine", "simd", "--threads", "2"]
    assert compare.option_help(NEW_HELP, "--help").strip() == "-h, --help             Show this help message and exit."


def test_the_table_sets_every_run_against_the_fastest_pytorch_and_says_whether_the_target_is_met():
    torch_rows = [("PyTorch 2.15, 2 threads", (40.0, 5_000.0)), ("PyTorch 2.15, 1 thread", (20.0, 10_000.0))]
    lines = compare.table(torch_rows, [("microgpt --engine simd", (12.0, 16_000.0))]).splitlines()
    assert lines[0].split() == ["engine", "ms/step", "real", "tokens/s", "ratio"]
    assert lines[1].split()[-3:] == ["40.00", "5,000", "0.50x"]
    assert lines[2].split()[-3:] == ["20.00", "10,000", "1.00x"]
    assert lines[3].split()[-3:] == ["12.00", "16,000", "1.60x"]
    assert lines[4] == "target: ours >= 1.5x the fastest PyTorch's real tokens/s: met (1.60x)"
    missed = compare.table(torch_rows[1:], [("microgpt, warm-up included", (9.0, 99_000.0)), ("microgpt", (300.0, 700.0))])
    assert missed.splitlines()[-1] == "target: ours >= 1.5x the fastest PyTorch's real tokens/s: not met (0.07x)"


def test_the_steps_after_the_warm_up_are_the_difference_of_a_long_and_a_short_run():
    # 20 steps: 2 s, 4,000 tokens; 120 steps: 2 s + 100 x 10 ms = 3 s, 4,000 + 100 x 200 tokens.
    short = (100.0, 2_000.0)
    long = (25.0, 8_000.0)
    ms, tokens_per_second = compare.after_warmup(short, long, 20, 120)
    assert ms == pytest.approx(10.0) and tokens_per_second == pytest.approx(20_000.0)
    with pytest.raises(compare.BenchError, match="too busy"):
        compare.after_warmup((100.0, 2_000.0), (10.0, 2_000.0), 20, 120)  # 1.2 s for 120 steps against 2 s for 20


@pytest.mark.skipif(not (ROOT / "lib" / "target" / "microgpt.jar").is_file(), reason="needs the jar (make build)")
def test_the_real_done_line_parses():
    r = subprocess.run([str(ROOT / "bin" / "microgpt"), "train", "--steps", "3", "--samples", "0"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    ms, tokens_per_second = compare.parse(r.stdout, compare.DONE_LINE, "bin/microgpt train")
    assert ms > 0 and tokens_per_second > 0
