"""Tensor parallelism over kvcc.attention: attention heads sharded across 2 ranks.

The built-in model's attention block (``kvcc.models.tiny.Attention``: 8 query heads,
2 KV heads, RoPE, a causal sliding-window mask) is split Megatron-style across two
``torch.distributed`` ranks (gloo, CPU): rank ``r`` keeps the rows of ``wq`` for query
heads ``4r .. 4r+3``, the rows of ``wk``/``wv`` for KV head ``r`` (the KV head those
query heads share, as grouped-query attention groups consecutive heads), and the
matching columns of ``wo``. Each rank runs its heads through ``kvcc.attention`` and
projects them with its columns of ``wo``: a partial sum of the output projection. An
all-reduce (sum) completes it, and every rank must then hold the unsharded block's
output.

The ranks are spawned processes that initialize through a file in a temporary
directory. Nothing can hang: the process group has a timeout, and the test kills the
workers and fails if they have not finished by a deadline.
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

import kvcc
from kvcc.models.tiny import Attention, TinyConfig

WORLD = 2
CFG = TinyConfig()           # dim 256, 8 heads, 2 KV heads, head_dim 32, window 48
LAYER = 1                    # odd layers: causal & sliding window
SEQ = 80                     # longer than the window, so the window matters
DEADLINE_S = 120.0
BACKENDS = ["reference"]
if os.environ.get("TRITON_INTERPRET") == "1":
    BACKENDS.append("triton")  # the generated kernels, interpreted on the CPU

pytestmark = pytest.mark.skipif(not dist.is_available() or not dist.is_gloo_available(),
                                reason="needs torch.distributed with gloo")


def full_block() -> tuple[Attention, torch.Tensor]:
    """The unsharded block and its input, the same in every process."""
    g = torch.Generator().manual_seed(0)
    block = Attention(CFG, LAYER)
    with torch.no_grad():
        for p in block.parameters():
            p.copy_(torch.randn(p.shape, generator=g) / p.shape[-1] ** 0.5)
    return block, torch.randn(2, SEQ, CFG.dim, generator=g)


def shard(block: Attention, rank: int, world: int) -> Attention:
    """Rank ``rank``'s heads of ``block``: its query heads, the KV heads they read, and
    the columns of ``wo`` that project them."""
    c = block.cfg
    if c.kv_heads % world:
        raise ValueError(f"{c.kv_heads} KV heads do not split over {world} ranks")
    hq, hkv, d = c.heads // world, c.kv_heads // world, c.head_dim
    part = Attention(replace(c, heads=hq, kv_heads=hkv), LAYER)
    q_rows = slice(rank * hq * d, (rank + 1) * hq * d)
    kv_rows = slice(rank * hkv * d, (rank + 1) * hkv * d)
    with torch.no_grad():
        part.wq.weight.copy_(block.wq.weight[q_rows])
        part.wk.weight.copy_(block.wk.weight[kv_rows])
        part.wv.weight.copy_(block.wv.weight[kv_rows])
        part.wo.weight.copy_(block.wo.weight[:, q_rows])
    return part


def attn_fn(backend: str):
    return lambda q, k, v, mask: kvcc.attention(q, k, v, mask=mask, backend=backend)


def _worker(rank: int, init_file: str, out_dir: str, backends: list[str]) -> None:
    torch.set_num_threads(1)  # two ranks share the machine's cores
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank,
                            world_size=WORLD, timeout=timedelta(seconds=60))
    try:
        block, x = full_block()
        part = shard(block, rank, WORLD)
        for backend in backends:
            with torch.no_grad():
                y = part(x, attn_fn(backend))   # this rank's share of the output projection
            dist.all_reduce(y)                  # sum over ranks: the whole projection
            torch.save(y, Path(out_dir) / f"{backend}-{rank}.pt")
    finally:
        dist.destroy_process_group()


@pytest.fixture(scope="module")
def sharded_outputs(tmp_path_factory) -> Path:
    """Runs both ranks once for every backend; their outputs are saved in a folder."""
    tmp = tmp_path_factory.mktemp("tp")
    ctx = mp.start_processes(_worker, args=(str(tmp / "init"), str(tmp), BACKENDS),
                             nprocs=WORLD, join=False, start_method="spawn")
    deadline = time.monotonic() + DEADLINE_S
    while not ctx.join(timeout=max(0.1, deadline - time.monotonic())):
        if time.monotonic() >= deadline:
            for p in ctx.processes:
                if p.is_alive():
                    p.kill()
            pytest.fail(f"tensor-parallel workers did not finish within {DEADLINE_S:.0f} s")
    return tmp


@pytest.mark.parametrize("backend", BACKENDS)
def test_sharded_heads_equal_the_unsharded_block(sharded_outputs: Path, backend: str):
    block, x = full_block()
    with torch.no_grad():
        want = block(x, attn_fn(backend))
    for rank in range(WORLD):
        got = torch.load(sharded_outputs / f"{backend}-{rank}.pt")
        torch.testing.assert_close(got, want)


def test_shards_cover_every_head_once():
    """The shards' weights put back together are the block's (no head lost or doubled)."""
    block, _ = full_block()
    parts = [shard(block, r, WORLD) for r in range(WORLD)]
    for name in ("wq", "wk", "wv"):
        torch.testing.assert_close(torch.cat([getattr(p, name).weight for p in parts]),
                                   getattr(block, name).weight, rtol=0, atol=0)
    torch.testing.assert_close(torch.cat([p.wo.weight for p in parts], dim=1), block.wo.weight,
                               rtol=0, atol=0)
