"""TvmSpec -> TVMScript source: the kernel's signature and the pieces both kinds share.

A kernel is one ``T.prim_func`` over torch tensors passed zero-copy:

- ``Q [B, Hq, Sq, D]``, ``K``/``V [B, Hkv, Skv, D]`` in the input dtype, any strides
  with a unit last one (so transposed and sliced views need no copy); ``O
  [B, Hq, Sq, Dv]`` in the output dtype and ``LSE [B, Hq, Sq]`` float32, preallocated
  by the caller and written in place. Decode kernels also take the split-KV
  workspace ``WO [B, Hkv, NS, rows, Dv]`` and ``WL [B, Hkv, NS, rows]`` (``NS`` splits).
- a pair of int32 tables ``DLO{i}``/``DHI{i}`` per static document mask (``mask.py``);
- scalars: ``qscale`` (the softmax scale times log2(e), or the scale over the softcap),
  ``cap`` (softcap times log2(e)), ``p_shift``/``r_shift`` (a query row's bottom-right
  position and top-left index minus its row), ``kv_off`` (the first key's position)
  and ``kv_total`` (the mask's logical key count): a chunk of a larger problem keeps
  its mask.

Scores live in log2 units (``exp2`` of the polynomial in ``script.py``); lse is
converted to natural log on the way out. The kinds' bodies are in ``prefill.py`` and
``decode.py``.
"""

from __future__ import annotations

from functools import lru_cache

from kvcc.codegen.tvm.mask import doc_tables, row_interval
from kvcc.codegen.tvm.script import Code, simd_width
from kvcc.codegen.tvm.spec import TvmSpec
from kvcc.ir.dtypes import DType

SCALARS = ("qscale: T.float32", "cap: T.float32", "p_shift: T.int32", "r_shift: T.int32",
           "kv_off: T.int32", "kv_total: T.int32")


def tvm_dtype(dt: str) -> str:
    return {DType.f16.value: "float16", DType.bf16.value: "bfloat16",
            DType.f32.value: "float32"}[dt]


def kernel_name(spec: TvmSpec) -> str:
    return f"kvcc_tvm_{spec.kind}_{spec.key()}"


@lru_cache(maxsize=256)
def emit(spec: TvmSpec) -> str:
    """The TVMScript source of ``spec``'s kernel (deterministic: its hash names the
    build)."""
    from kvcc.codegen.tvm import decode, prefill

    c = Code()
    c(f"# kvcc TVM kernel: {spec.kind}, mask {spec.mask}")
    c("@T.prim_func")
    handles = ["q_h", "k_h", "v_h", "o_h", "lse_h"]
    if spec.kind == "decode":
        handles += ["wo_h", "wl_h"]
    for i in range(len(doc_tables(spec.mask_ir))):
        handles += [f"dlo{i}_h", f"dhi{i}_h"]
    params = ", ".join([f"{h}: T.handle" for h in handles] + list(SCALARS))
    with c.block(f"def {kernel_name(spec)}({params})"):
        c(f"T.func_attr({{\"global_symbol\": \"{kernel_name(spec)}\", \"tir.noalias\": True}})")
        _buffers(c, spec)
        (decode.body if spec.kind == "decode" else prefill.body)(c, spec)
    return c.text()


def _buffers(c: Code, spec: TvmSpec) -> None:
    dt, odt = tvm_dtype(spec.dtype), tvm_dtype(spec.out_dtype)
    es = DType(spec.dtype).to_torch().itemsize
    d, dv = spec.head_dim, spec.head_dim_v
    for n in ("B", "Hq", "Hk", "Skv") + (("Sq",) if spec.kind == "prefill" else ("NS",)):
        c(f"{n} = T.int32()")
    sq = "Sq" if spec.kind == "prefill" else str(spec.q_rows)
    strided = f"strides=(T.int32(), T.int32(), T.int32(), 1), align={es}"
    c(f"Q = T.match_buffer(q_h, (B, Hq, {sq}, {d}), \"{dt}\", {strided})",
      f"K = T.match_buffer(k_h, (B, Hk, Skv, {d}), \"{dt}\", {strided})",
      f"V = T.match_buffer(v_h, (B, Hk, Skv, {dv}), \"{dt}\", {strided})",
      f"O = T.match_buffer(o_h, (B, Hq, {sq}, {dv}), \"{odt}\")",
      f"LSE = T.match_buffer(lse_h, (B, Hq, {sq}), \"float32\")")
    if spec.kind == "decode":
        c(f"WO = T.match_buffer(wo_h, (B, Hk, NS, {spec.rows}, {dv}), \"float32\")",
          f"WL = T.match_buffer(wl_h, (B, Hk, NS, {spec.rows}), \"float32\")")
    for i in range(len(doc_tables(spec.mask_ir))):
        c(f"DLO{i} = T.match_buffer(dlo{i}_h, (T.int32(),), \"int32\")",
          f"DHI{i} = T.match_buffer(dhi{i}_h, (T.int32(),), \"int32\")")


def key_ranges(c: Code, spec: TvmSpec, rows: int, query: str, valid: str | None) -> None:
    """Per-row key intervals and the program's key ranges, in local key indices
    (``0 .. Skv``): ``rlo[i]``/``rhi[i]`` for row ``i`` (whose query index is the
    expression ``query`` of ``i``; a row where ``valid`` is false sees nothing and does
    not count; None: every row is valid), then ``rng[0:2]``, the union of the rows'
    intervals (the keys any row sees), and ``rng[2:4]``, their intersection (the keys
    every row sees)."""
    c.tile("rlo", (rows,), "int32")
    c.tile("rhi", (rows,), "int32")
    c.tile("rng", (4,), "int32")
    c("rng[0] = Skv", "rng[1] = 0", "rng[2] = 0", "rng[3] = Skv")
    with c.block(f"for i in range({rows})"):
        qi = c.let("qi", query)
        lo, hi = row_interval(spec.mask_ir, f"({qi} + p_shift)", f"({qi} + r_shift)")
        lo, hi = f"T.max({lo} - kv_off, 0)", f"T.min({hi} - kv_off, Skv)"
        if valid is None:
            c(f"rlo[i] = {lo}", f"rhi[i] = {hi}")
            _extend(c)
            return
        c(f"rlo[i] = T.Select({valid}, {lo}, 0)", f"rhi[i] = T.Select({valid}, {hi}, 0)")
        with c.block(f"if {valid}"):
            _extend(c)


def _extend(c: Code) -> None:
    with c.block("if rlo[i] < rhi[i]"):
        c("rng[0] = T.min(rng[0], rlo[i])", "rng[1] = T.max(rng[1], rhi[i])")
    c("rng[2] = T.max(rng[2], rlo[i])", "rng[3] = T.min(rng[3], rhi[i])")


def full_tile(spec: TvmSpec) -> str:
    """True for the tile at ``j0`` when every row sees every key of it."""
    return f"j0 >= rng[2] and j0 + {spec.block_n} <= rng[3]"


def divisor_chunk(extent: int, rows: int, vec: int) -> int:
    """A chunk of ``extent`` (a divisor) for a ``rows x chunk`` float32 register block:
    under 1 KiB, in at most 8 vector registers (half of AVX2's 16, a quarter of
    AVX-512's 32: room for the operands), the widest vectors first, then the widest
    chunk."""
    fits = [w for w in range(1, extent + 1) if extent % w == 0 and rows * w * 4 < 1024
            and rows * (w // simd_width(w, vec)) <= 8]
    return max(fits or [1], key=lambda w: (simd_width(w, vec), w))
