"""SPEC configurations as the IR modules, kernel specs and inputs kvcc's entry points
would produce for them.

Each layout is built by the function its entry point uses (``kvcc.attention``'s
lowering for dense, ``attention_varlen``'s for packed, a ``KVCache`` step's modules
for paged), and its kernel specs come from ``plan()`` itself on meta tensors, so a
kernel compiled or tuned for a SPEC is the one those calls launch (same
:meth:`KernelSpec.key`), with the split count chosen by the run-time rule for the
target's SM count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import torch

from kvcc.autotune.keys import Shape
from kvcc.autotune.specfile import AttentionConfig, SpecFile
from kvcc.codegen.triton.launch import GRID_YZ_MAX, choose_splits
from kvcc.codegen.triton.op import plan
from kvcc.codegen.triton.spec import KernelSpec, Tiles, lower, tma_eligible
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import KVFormat, Paged
from kvcc.ir.formats import kv_format as _preset
from kvcc.ir.mask import Mask
from kvcc.ir.ops import AttentionOp, Module
from kvcc.ir.syntax import parse_mask
from kvcc.passes import Pipeline

TORCH_DTYPES = {"f16": torch.float16, "bf16": torch.bfloat16, "f32": torch.float32}


def kv_format(name: str) -> KVFormat:
    """A SPEC's ``kv_format`` name as a format."""
    if name == "quantspec":
        from kvcc.quant import quantspec

        return quantspec()
    return _preset(name)


@dataclass(frozen=True)
class Problem:
    """One configuration at one shape."""

    config: AttentionConfig
    shape: Shape

    @property
    def label(self) -> str:
        s = self.shape
        return f"{self.config.name} B={s.batch} q={s.q_len} kv={s.kv_len}"


def problems(spec: SpecFile) -> list[Problem]:
    return [Problem(c, s) for c in spec.configs for s in c.shapes()]


def _mask(c: AttentionConfig) -> Mask:
    return parse_mask(c.mask)


def instance(p: Problem, device: str | torch.device = "meta", seed: int = 0,
             optimize: bool = True) -> tuple[Module, dict[str, torch.Tensor]]:
    """The problem's module after its pipeline, and its inputs on ``device`` (``meta``:
    shapes only; a real device: random values, valid index tables); ``optimize=False``:
    the module before the SPEC's pipeline (paged modules come from the cache's builders,
    which run the default pipeline themselves). Dense quantized
    K/V are stored by the format's rule, which needs real tensors: on ``meta`` they are
    built on the CPU at one sequence and at most 8191 keys with the same remainders,
    so the module and spec are those of the full problem."""
    c, s = p.config, p.shape
    dev = torch.device(device)
    dt = TORCH_DTYPES[c.dtype]
    g = torch.Generator(device="cpu").manual_seed(seed)

    gd = None if dev.type == "meta" else torch.Generator(device=dev).manual_seed(seed)

    def rand(*shape: int, dtype: torch.dtype = dt) -> torch.Tensor:
        if dev.type == "meta":
            return torch.empty(*shape, dtype=dtype, device=dev)
        # drawn on the device in the storage dtype: caches of tens of GB take no copy
        return torch.randn(*shape, generator=gd, dtype=dtype, device=dev)

    scale = 1 / math.sqrt(c.head_dim)
    if c.layout == "dense":
        from kvcc.frontend.attention_call import lower_attention_call

        fmt = kv_format(c.kv_format) if c.kv_format else None
        if fmt is not None and dev.type == "meta":  # stored K/V need values: see above
            kv = s.kv_len if s.kv_len < 8192 else 4096 + s.kv_len % 4096
            kv = s.kv_len if kv < s.q_len else kv
            q = torch.empty(1, c.heads, s.q_len, c.head_dim, dtype=dt)
            k, v = (torch.randn(1, c.kv_heads, kv, c.head_dim, generator=g).to(dt)
                    for _ in range(2))
        else:
            q = rand(s.batch, c.heads, s.q_len, c.head_dim)
            k = rand(s.batch, c.kv_heads, s.kv_len, c.head_dim)
            v = rand(*k.shape) if dev.type != "meta" else k
        call = lower_attention_call(q, k, v, mask=_mask(c), scale=scale, softcap=c.softcap,
                                    return_lse=c.return_lse, kv_format=fmt)
        return _optimized(call.module, c, optimize), call.inputs
    if c.layout == "packed":
        from kvcc.runtime.varlen import lower_varlen_call

        tiny = [torch.empty(1, h, c.head_dim, dtype=dt) for h in (c.heads, c.kv_heads, c.kv_heads)]
        cu1 = torch.tensor([0, 1], dtype=torch.int32)
        call = lower_varlen_call(*tiny, cu1, cu1, max_seqlen_q=1, max_seqlen_k=1, mask=_mask(c),
                                 scale=scale, softcap=c.softcap, return_lse=c.return_lse)
        idx = (lambda n: torch.arange(0, (s.batch + 1) * n, n, dtype=torch.int32,  # noqa: E731
                                      device=dev))
        inputs = {"q": rand(s.batch * s.q_len, c.heads, c.head_dim),
                  "k": rand(s.batch * s.kv_len, c.kv_heads, c.head_dim),
                  "v": rand(s.batch * s.kv_len, c.kv_heads, c.head_dim),
                  "cu_q": idx(s.q_len), "cu_k": idx(s.kv_len)}
        return _optimized(call.module, c, optimize), inputs
    return _paged(p, dev, rand, scale, g, gd, optimize)


def _optimized(m: Module, c: AttentionConfig, optimize: bool) -> Module:
    return Pipeline.parse(c.pipeline).run(m) if optimize and c.pipeline else m


def _paged(p: Problem, dev: torch.device, rand, scale: float, g: torch.Generator,
           gd: torch.Generator | None, optimize: bool):
    from kvcc.runtime.modules import paged_module, paged_quant_module

    c, s = p.config, p.shape
    dt = TORCH_DTYPES[c.dtype]
    page = c.page_size
    n_pages = -(-s.kv_len // page)
    pool = s.batch * n_pages
    fmt = kv_format(c.kv_format) if c.kv_format else None
    if fmt is None:
        module = paged_module(c.heads, c.kv_heads, c.head_dim, dt, page, _mask(c), scale,
                              c.softcap, c.return_lse)
    else:
        kb = fmt.key_block()
        rings = (kb if kb > 1 else 0, fmt.residual)
        module = paged_quant_module(c.heads, c.kv_heads, c.head_dim, dt, page, fmt, rings,
                                    _mask(c), scale, c.softcap, c.return_lse)
    module = _optimized(module, c, optimize)
    meta = dev.type == "meta"
    perm = (torch.arange(pool, dtype=torch.int32) if meta
            else torch.randperm(pool, generator=g).to(torch.int32))
    inputs = {"q": rand(s.batch * s.q_len, c.heads, c.head_dim),
              "cu": torch.arange(0, (s.batch + 1) * s.q_len, s.q_len, dtype=torch.int32),
              "bt": perm.view(s.batch, n_pages), "kl": torch.full((s.batch,), s.kv_len,
                                                                   dtype=torch.int32)}
    inputs = {n: t.to(dev) for n, t in inputs.items()}
    for v in module.args:
        if v.name in inputs:
            continue
        shape = [_size(d, s, pool, n_pages) for d in v.type.shape]
        tdt = v.type.dtype
        if v.name == "rs":  # each sequence's ring row
            inputs[v.name] = torch.arange(s.batch, dtype=torch.int32, device=dev)
        elif tdt in (DType.f16, DType.bf16, DType.f32):
            x = rand(*shape, dtype=tdt.to_torch())
            if v.name.endswith("s") and not meta:  # scales: positive and small
                x = x.abs().mul_(0.02).add_(1e-3)
            inputs[v.name] = x
        elif meta:
            inputs[v.name] = torch.empty(*shape, dtype=tdt.to_torch(), device=dev)
        elif tdt.to_torch().itemsize == 1:  # codes: any bit pattern is a code
            bits = torch.randint(0, 256, shape, generator=gd, dtype=torch.uint8, device=dev)
            inputs[v.name] = bits.view(tdt.to_torch())
        else:
            inputs[v.name] = torch.randint(-2**31, 2**31 - 1, shape, generator=gd,
                                           dtype=tdt.to_torch(), device=dev)
    return module, inputs


def _size(d: object, s: Shape, pool: int, n_pages: int) -> int:
    from kvcc.ir.types import as_int

    n = as_int(d)
    if n is not None:
        return n
    name = str(d)
    sizes = {"Tq": s.batch * s.q_len, "P": pool, "B": s.batch, "B1": s.batch + 1,
             "NP": n_pages, "S": s.batch}
    if name not in sizes:
        raise ValueError(f"cannot size the paged module's dimension {name!r}")
    return sizes[name]


def attention_ops(module: Module) -> list[AttentionOp]:
    return [o for o in module.walk() if isinstance(o, AttentionOp)]


@dataclass(frozen=True)
class Kernel:
    """One kernel a problem launches on a target: the spec, the split count the run-time
    rule chooses there, and the op it came from (None-free)."""

    spec: KernelSpec
    num_splits: int
    op: AttentionOp


def kernels(p: Problem, arch: int, sm_count: int, tiles: Tiles | None = None,
            tma: bool | None = None, num_splits: int | None = None) -> list[Kernel]:
    """The kernels the problem's attention ops launch on ``sm_<arch>`` with ``sm_count``
    SMs: the spec ``plan()`` chooses (TMA on sm_90 and later where the op allows it,
    unless ``tma`` says otherwise), and the split count of its rule (or ``num_splits``)."""
    module, t = instance(p)
    s = p.shape
    use_tma = arch >= 90 if tma is None else tma
    out = []
    for op in attention_ops(module):
        if all(v is None or v.name in t for v in (op.q, op.k, op.v)):
            base = plan(op, t, num_splits=1, tiles=tiles, tma=use_tma and tma_eligible(op),
                        max_q_len=s.q_len, max_kv_len=s.kv_len).spec
        else:  # inside a loop (chunk-prefill): a static slice of the problem
            base = lower(op, tiles=tiles, tma=use_tma)
        n = num_splits if num_splits is not None else split_rule(base, s, op, sm_count)
        out.append(Kernel(replace(base, split=n > 1), n, op))
    return out


def split_rule(spec: KernelSpec, s: Shape, op: AttentionOp, sm_count: int) -> int:
    """``plan()``'s split rule for the problem's sizes and ``sm_count`` SMs."""
    from kvcc.ir.types import as_int

    q_rows = as_int(op.q.type.shape[2]) if spec.q_layout == "dense" else s.q_len
    kv = s.kv_len
    if isinstance(op.kv_layout, Paged):
        kv = -(-s.kv_len // op.kv_layout.page_size) * op.kv_layout.page_size
    heads_prog = s.heads // spec.group if spec.pack_gqa else s.heads
    grid_m = -(-(q_rows or s.q_len) * spec.rows_per_q // spec.block_m)
    return choose_splits(grid_m * s.batch * heads_prog, -(-kv // spec.block_n), sm_count,
                         max_splits=min(128, max(1, GRID_YZ_MAX // heads_prog)))


__all__ = ["Kernel", "Problem", "attention_ops", "instance", "kernels", "kv_format", "problems",
           "split_rule"]
