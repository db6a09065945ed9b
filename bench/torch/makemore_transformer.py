"""PyTorch's speed on the course's benchmark model: a character transformer trained on the names.

The configuration of makemore's transformer (Karpathy): 4 blocks, n_embd 64, 4 heads, a context of
16 characters, 32 names a step, AdamW (lr 5e-4, weight decay 0.01, betas 0.9/0.99, eps 1e-8).
Each name is one row: [BOS, c1 .. cn] predicts [c1 .. cn, BOS], padded to the context with targets
that the loss ignores. The model is a pre-norm GPT (LayerNorm, causal self-attention, a GELU MLP of
4 x n_embd), written here with torch.nn and PyTorch's fused attention: PyTorch at its best on a CPU.

It trains --warmup steps untimed, then --steps timed ones, and prints one line:
    torch: 200 steps | 19.85 ms/step | 11,234 tokens/s | loss 2.4512 | threads 2
tokens/s counts the real predictions only (len(name) + 1 per name, at most the context), as our
CLI's done line does. Run it with .venv-torch/bin/python (make bench-torch does).
"""
import argparse
import math
import os
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore", message="Failed to initialize NumPy")  # numpy is not needed here
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

NAMES = Path(__file__).resolve().parents[2] / "lib" / "src" / "main" / "resources" / "microgpt" / "names.txt"
IGNORE = -1  # the target of a padding position: cross_entropy skips it


class Block(nn.Module):
    """Pre-norm transformer block: x + attention(norm(x)), then x + mlp(norm(x))."""

    def __init__(self, n_embd, n_head):
        super().__init__()
        self.n_head = n_head
        self.norm1 = nn.LayerNorm(n_embd)
        self.qkv = nn.Linear(n_embd, 3 * n_embd)
        self.proj = nn.Linear(n_embd, n_embd)
        self.norm2 = nn.LayerNorm(n_embd)
        self.mlp = nn.Sequential(nn.Linear(n_embd, 4 * n_embd), nn.GELU(), nn.Linear(4 * n_embd, n_embd))

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(self.norm1(x)).split(c, dim=2)
        # (b, t, c) -> (b, heads, t, head width) for the fused causal attention
        q, k, v = (z.view(b, t, self.n_head, c // self.n_head).transpose(1, 2) for z in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proj(y.transpose(1, 2).reshape(b, t, c))
        return x + self.mlp(self.norm2(x))


class CharTransformer(nn.Module):
    def __init__(self, vocab_size, block_size, n_layer, n_embd, n_head):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, n_embd)
        self.position_embedding = nn.Embedding(block_size, n_embd)
        self.blocks = nn.ModuleList(Block(n_embd, n_head) for _ in range(n_layer))
        self.norm = nn.LayerNorm(n_embd)
        self.head = nn.Linear(n_embd, vocab_size, bias=False)

    def forward(self, idx, targets):
        positions = torch.arange(idx.shape[1], device=idx.device)
        x = self.token_embedding(idx) + self.position_embedding(positions)
        for block in self.blocks:
            x = block(x)
        logits = self.head(self.norm(x))
        return F.cross_entropy(logits.view(-1, logits.shape[-1]), targets.view(-1), ignore_index=IGNORE)


def encode(names, block_size):
    """Every name as an input row and a target row of block_size tokens; token 0 is BOS."""
    chars = sorted(set("".join(names)))
    index = {ch: i + 1 for i, ch in enumerate(chars)}
    inputs = torch.zeros(len(names), block_size, dtype=torch.long)
    targets = torch.full((len(names), block_size), IGNORE, dtype=torch.long)
    for row, name in enumerate(names):
        tokens = [0] + [index[ch] for ch in name] + [0]
        n = min(block_size, len(tokens) - 1)
        inputs[row, :n] = torch.tensor(tokens[:n])
        targets[row, :n] = torch.tensor(tokens[1:n + 1])
    return inputs, targets, len(chars) + 1


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--steps", type=int, default=200, help="timed steps (default 200)")
    p.add_argument("--warmup", type=int, default=20, help="untimed steps first (default 20)")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch threads (default: the machine's cores)")
    p.add_argument("--n-layer", type=int, default=4)
    p.add_argument("--n-embd", type=int, default=64)
    p.add_argument("--n-head", type=int, default=4)
    p.add_argument("--block-size", type=int, default=16)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args(argv)
    for name in ("steps", "threads", "n_layer", "n_embd", "n_head", "block_size", "batch_size"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1, got {getattr(args, name)}")
    if args.warmup < 0 or args.n_embd % args.n_head:
        p.error("--warmup must be 0 or more and --n-head must divide --n-embd")
    return args


def main(argv=None):
    args = parse_args(argv)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    names = [line.strip() for line in NAMES.read_text(encoding="utf-8").splitlines() if line.strip()]
    inputs, targets, vocab_size = encode(names, args.block_size)
    model = CharTransformer(vocab_size, args.block_size, args.n_layer, args.n_embd, args.n_head)
    optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=0.01, betas=(0.9, 0.99), eps=1e-8)

    def step():
        rows = torch.randint(len(names), (args.batch_size,))
        x, y = inputs[rows], targets[rows]
        loss = model(x, y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item(), int((y != IGNORE).sum())

    for _ in range(args.warmup):
        step()
    tokens, loss, start = 0, math.nan, time.perf_counter()
    for _ in range(args.steps):
        loss, real = step()
        tokens += real
    seconds = time.perf_counter() - start
    print(f"torch: {args.steps} steps | {seconds * 1000 / args.steps:.2f} ms/step | {tokens / seconds:,.0f} tokens/s"
          f" | loss {loss:.4f} | threads {torch.get_num_threads()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
