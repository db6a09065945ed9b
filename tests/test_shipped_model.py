"""The model chapter 09 ships, models/scaling-up.ckpt, keeps the course's promise through the command line.

`java -jar lib/target/microgpt.jar eval --model models/scaling-up.ckpt` measures its mean per-token loss on
the held-out 10% of the names (the split of seed 42, the seed it was trained with); it must be at most 1.95.
"""
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JAR = ROOT / "lib" / "target" / "microgpt.jar"
MODEL = ROOT / "models" / "scaling-up.ckpt"
PROMISE = 1.95


def eval_loss(model):
    """(loss, documents) that the CLI's eval prints for this checkpoint."""
    assert shutil.which("java"), "java is not on PATH; install a JDK 17 or newer"
    assert JAR.is_file(), f"{JAR.relative_to(ROOT)} is missing; build it with `make build`"
    run = subprocess.run(["java", "-jar", str(JAR), "eval", "--model", str(model)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"eval exited with {run.returncode}: {run.stderr.strip()}"
    match = re.fullmatch(r"loss (\d+\.\d{4}) over (\d+) documents\n", run.stdout)
    assert match, f"eval printed {run.stdout!r}, not 'loss X over N documents'"
    return float(match.group(1)), int(match.group(2))


def test_the_shipped_model_is_a_checkpoint_eval_reads():
    assert MODEL.is_file(), f"{MODEL.relative_to(ROOT)} is missing; train it with the command in models/README.md"
    loss, documents = eval_loss(MODEL)
    assert documents == 3203, f"eval measured {documents} documents, not the 3,203 held-out names"
    assert 0 < loss < 3.2958, f"the shipped model's loss {loss} is no better than the uniform guess ln 27"


def test_the_shipped_model_keeps_the_promise():
    loss, _ = eval_loss(MODEL)
    assert loss <= PROMISE, (f"the shipped model's validation loss is {loss:.4f}, above the promised {PROMISE};"
                             " retrain it with the command in models/README.md")
