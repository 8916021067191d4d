"""TvmSpec -> TVMScript source: the kernel's signature and the pieces both kinds share.

A kernel is one ``T.prim_func`` over torch tensors passed zero-copy:

- ``Q [B, Hq, Sq, D]``, ``K``/``V [B, Hkv, Skv, D]`` in the input dtype, any strides
  with a unit last one (so transposed and sliced views need no copy); ``O
  [B, Hq, Sq, Dv]`` in the output dtype and ``LSE [B, Hq, Sq]`` float32, preallocated
  by the caller and written in place. Decode kernels also take the split-KV
  workspace ``WO [B, Hkv, NS, rows, Dv]`` and ``WL [B, Hkv, NS, rows]`` (``NS`` splits).
- the mask's tables (:func:`mask_buffers`): a pair of int32 tables
  ``DLO{i}``/``DHI{i}`` per static document mask, an int64 ``ID{i} [1 or B,
  kv_total]`` per tensor of document ids and a uint8 ``PG{i} [1 or B, 1 or Hkv or Hq,
  pages]`` per page selection (``mask.py``); with ALiBi, the float32 slopes ``SL
  [Hq]`` (times log2(e));
- scalars: ``qscale`` (the softmax scale times log2(e), or the scale over the softcap),
  ``cap`` (softcap times log2(e)), ``p_shift``/``r_shift`` (a query row's bottom-right
  position and top-left index minus its row), ``kv_off`` (the first key's position)
  and ``kv_total`` (the mask's logical key count): a chunk of a larger problem keeps
  its mask.

Per-sequence kernels (``spec.varlen``: packed q, packed or paged K/V, or dense K/V
with ``kv_lens``) take the layouts' tensors instead, ``Q [Tq, Hq, D]`` (packed) and
``K``/``V [Tk, Hkv, D]`` (packed) or ``[P, page, Hkv, D]`` (paged), ``O``/``LSE`` in
q's layout, the int32 tables ``CUQ``/``CUK [B + 1]``, ``BT [B, pages]``, ``KVL [B]``
that the layouts name (per KV head, ``spec.head_pages``: ``BT [B, Hkv, pages]`` and
``KVL [B, Hkv]``, Quest's compacted selection), the mask's tables (no ids; page
selections over each sequence's own key positions), and the
scalars ``qscale``, ``cap``, ``nseq`` (the sequences) and ``mq`` (a bound on the
longest query sequence). Each program derives its sequence's rows and keys from the
tables (:func:`seq_lets`) and binds the same names the dense kernel takes as arguments
(``Sq``, ``Skv``, ``p_shift``, ...), so the kinds' bodies are shared; they read and
write through :func:`q_at`, :func:`kv_at`, :func:`o_at` and :func:`lse_at`.

Quantized K/V (``spec.kv_code``; ``quant.py``): ``K``/``V`` hold the codes, the
format's scales, zeros, residuals and ring rows follow every other tensor, dense
kernels take three more scalars last (the quantized keys and values, the keys in
all), and :func:`kv_at` gives the element dequantized.

The eviction-score kernel (``spec.kind == "scores"``, ``scores.py``) takes the
attention's handles with ``O``/``LSE`` as inputs, then ``SC`` (the scores: ``[B,
Hkv, Skv]`` dense, ``[B, Hkv, positions]`` per sequence, ``[Hkv, Tk]`` packed) in
place of the workspace, and two more scalars last, ``W`` (the window's rows, 0: all)
and ``mk`` (a bound on the longest key sequence).

Scores live in log2 units (``exp2`` of the polynomial in ``script.py``); lse is
converted to natural log on the way out. The kinds' bodies are in ``prefill.py`` and
``decode.py``, the mask's pieces of them (key ranges, tile loops, the element test)
in ``ranges.py``.
"""

from __future__ import annotations

from functools import lru_cache

from kvcc.codegen.tvm import quant
from kvcc.codegen.tvm.mask import doc_tables, id_tensors, page_tensors
from kvcc.codegen.tvm.script import Code, simd_width
from kvcc.codegen.tvm.spec import TvmSpec
from kvcc.ir.dtypes import DType

SCALARS = ("qscale: T.float32", "cap: T.float32", "p_shift: T.int32", "r_shift: T.int32",
           "kv_off: T.int32", "kv_total: T.int32")
VARLEN_SCALARS = ("qscale: T.float32", "cap: T.float32", "nseq: T.int32", "mq: T.int32")


def tvm_dtype(dt: str) -> str:
    return {DType.f16.value: "float16", DType.bf16.value: "bfloat16",
            DType.f32.value: "float32"}[dt]


def kernel_name(spec: TvmSpec) -> str:
    return f"kvcc_tvm_{spec.kind}_{spec.key()}"


@lru_cache(maxsize=256)
def emit(spec: TvmSpec) -> str:
    """The TVMScript source of ``spec``'s kernel (deterministic: its hash names the
    build)."""
    from kvcc.codegen.tvm import decode, prefill, scores

    c = Code()
    c(f"# kvcc TVM kernel: {spec.kind}, mask {spec.mask}")
    c("@T.prim_func")
    handles = ["q_h", "k_h", "v_h", "o_h", "lse_h"]
    if spec.kind == "decode":
        handles += ["wo_h", "wl_h"]
    if spec.kind == "scores":
        handles += ["sc_h"]
    handles += [f"{t.lower()}_h" for t in seq_tables(spec)]
    for i in range(len(doc_tables(spec.mask_ir))):
        handles += [f"dlo{i}_h", f"dhi{i}_h"]
    handles += [f"id{i}_h" for i in range(len(id_tensors(spec.mask_ir)))]
    handles += [f"pg{i}_h" for i in range(len(page_tensors(spec.mask_ir)))]
    handles += ["sl_h"] if spec.alibi else []
    handles += quant.handles(spec)
    scalars = (VARLEN_SCALARS if spec.varlen else SCALARS) + quant.scalars(spec)
    if spec.kind == "scores":
        scalars += scores.SCALARS
    params = ", ".join([f"{h}: T.handle" for h in handles] + list(scalars))
    with c.block(f"def {kernel_name(spec)}({params})"):
        c(f"T.func_attr({{\"global_symbol\": \"{kernel_name(spec)}\", \"tir.noalias\": True}})")
        if spec.varlen:
            _varlen_buffers(c, spec)
        else:
            _buffers(c, spec)
        {"decode": decode.body, "prefill": prefill.body, "scores": scores.body}[spec.kind](
            c, spec)
    return c.text()


def _buffers(c: Code, spec: TvmSpec) -> None:
    es = DType(spec.dtype).to_torch().itemsize
    dv = spec.head_dim_v
    skv = () if spec.kv_code else ("Skv",)  # quantized: quant.buffers binds it
    for n in ("B", "Hq", "Hk") + skv + (("NS",) if spec.kind == "decode" else ("Sq",)):
        c(f"{n} = T.int32()")
    sq = str(spec.q_rows) if spec.kind == "decode" else "Sq"
    strided = f"strides=(T.int32(), T.int32(), T.int32(), 1), align={es}"
    _qkvo(c, spec, f"(B, Hq, {sq}, {{}})", f"(B, Hq, {sq})", strided, "(B, Hk, Skv, {})",
          strided)
    if spec.kind == "decode":
        c(f"WO = T.match_buffer(wo_h, (B, Hk, NS, {spec.rows}, {dv}), \"float32\")",
          f"WL = T.match_buffer(wl_h, (B, Hk, NS, {spec.rows}), \"float32\")")
    if spec.kind == "scores":  # (quantized: Skv is bound to n_kv, not a size of SC's)
        c(f"SC = T.match_buffer(sc_h, (B, Hk, {'T.int32()' if spec.kv_code else 'Skv'}), "
          "\"float32\")")
    mask_buffers(c, spec)


def _qkvo(c: Code, spec: TvmSpec, qs: str, os: str, qstr: str, ks: str | None,
          kstr: str) -> None:
    """Q, K and V (or the quantized operands), O and LSE: ``qs``/``ks`` are shapes with
    ``{}`` for the head dim, ``os`` LSE's shape, ``qstr``/``kstr`` the strides."""
    dt, odt = tvm_dtype(spec.dtype), tvm_dtype(spec.out_dtype)
    d, dv = spec.head_dim, spec.head_dim_v
    c(f"Q = T.match_buffer(q_h, {qs.format(d)}, \"{dt}\", {qstr})")
    if spec.kv_code:  # codes, scales, zeros, residuals
        quant.buffers(c, spec)
    else:
        c(f"K = T.match_buffer(k_h, {ks.format(d)}, \"{dt}\", {kstr})",
          f"V = T.match_buffer(v_h, {ks.format(dv)}, \"{dt}\", {kstr})")
    c(f"O = T.match_buffer(o_h, {qs.format(dv)}, \"{odt}\")",
      f"LSE = T.match_buffer(lse_h, {os}, \"float32\")")


def mask_buffers(c: Code, spec: TvmSpec) -> None:
    """The mask's and the score modifiers' tables: ``DLO{i}``/``DHI{i}`` (static
    documents), ``ID{i} [IB{i}, kv_total]`` (document ids, ``IB{i}`` 1 or the batch),
    ``PG{i} [PB{i}, PH{i}, PN{i}]`` (page selections as uint8: 1 or the batch, 1, Hk or
    Hq heads, pages), ``SL [Hq]`` (ALiBi slopes times log2(e))."""
    for i in range(len(doc_tables(spec.mask_ir))):
        c(f"DLO{i} = T.match_buffer(dlo{i}_h, (T.int32(),), \"int32\")",
          f"DHI{i} = T.match_buffer(dhi{i}_h, (T.int32(),), \"int32\")")
    for i in range(len(id_tensors(spec.mask_ir))):
        c(f"IB{i} = T.int32()",
          f"ID{i} = T.match_buffer(id{i}_h, (IB{i}, T.int32()), \"int64\")")
    for i in range(len(page_tensors(spec.mask_ir))):
        c(f"PB{i} = T.int32()", f"PH{i} = T.int32()", f"PN{i} = T.int32()",
          f"PG{i} = T.match_buffer(pg{i}_h, (PB{i}, PH{i}, PN{i}), \"uint8\")")
    if spec.alibi:
        c("SL = T.match_buffer(sl_h, (Hq,), \"float32\")")


def seq_tables(spec: TvmSpec) -> tuple[str, ...]:
    """The int32 tables a per-sequence kernel takes, in argument order."""
    if not spec.varlen:
        return ()
    out = ("CUQ",) if spec.q_layout == "packed" else ()
    if spec.kv_layout == "packed":
        out += ("CUK",)
    if spec.kv_layout == "paged":
        out += ("BT",)
    if spec.kv_layout == "paged" or spec.kv_lens:
        out += ("KVL",)
    return out


def _varlen_buffers(c: Code, spec: TvmSpec) -> None:
    es = DType(spec.dtype).to_torch().itemsize
    dv = spec.head_dim_v
    c("Hq = T.int32()", "Hk = T.int32()")
    if spec.q_layout == "packed":
        c("TQ = T.int32()")
        qs, os = "(TQ, Hq, {})", "(TQ, Hq)"
        qstr = f"strides=(T.int32(), T.int32(), 1), align={es}"
    else:
        c("QB = T.int32()", "SQ = T.int32()")
        qs, os = "(QB, Hq, SQ, {})", "(QB, Hq, SQ)"
        qstr = f"strides=(T.int32(), T.int32(), T.int32(), 1), align={es}"
    kstr = f"strides=(T.int32(), T.int32(), T.int32(), 1), align={es}"
    ks = None  # quantized dense K/V: quant.buffers binds the codes and SKV
    if spec.kv_layout == "packed":
        c("TK = T.int32()")
        ks = "(TK, Hk, {})"
        kstr = f"strides=(T.int32(), T.int32(), 1), align={es}"
    elif spec.kv_layout == "paged":
        c("NP = T.int32()")
        ks = f"(NP, {spec.page_size}, Hk, {{}})"
    elif not spec.kv_code:  # (quantized: quant.buffers binds SKV)
        c("KB = T.int32()", "SKV = T.int32()")
        ks = "(KB, Hk, SKV, {})"
    _qkvo(c, spec, qs, os, qstr, ks, kstr)
    if spec.kind == "decode":
        c("WB = T.int32()", "NS = T.int32()",
          f"WO = T.match_buffer(wo_h, (WB, Hk, NS, {spec.rows}, {dv}), \"float32\")",
          f"WL = T.match_buffer(wl_h, (WB, Hk, NS, {spec.rows}), \"float32\")")
    if spec.kind == "scores":  # packed keys: [Hk, Tk]; else [B, Hk, positions]
        shape = "(Hk, TK)" if spec.kv_layout == "packed" else "(T.int32(), Hk, T.int32())"
        c(f"SC = T.match_buffer(sc_h, {shape}, \"float32\")")
    for t in seq_tables(spec):
        # BT [B, pages] and KVL [B], or per KV head [B, Hk, pages] and [B, Hk]
        rank = (2 if t == "BT" else 1) + (spec.head_pages and t in ("BT", "KVL"))
        shape = "(" + ", ".join(["T.int32()"] * rank) + ("," if rank == 1 else "") + ")"
        strides = f"strides=({'T.int32(), ' * (rank - 1)}1), " if rank > 1 else ""
        c(f"{t} = T.match_buffer({t.lower()}_h, {shape}, \"int32\", {strides}align=4)")
    mask_buffers(c, spec)
    c("B: T.let[T.int32] = nseq")


def seq_lets(c: Code, spec: TvmSpec) -> None:
    """A per-sequence kernel's view of sequence ``b`` (an int32 let in scope): its
    first query row ``q0`` and key ``k0``, and the names the dense kernel takes as
    arguments: ``Sq``/``Skv`` (its lengths), ``p_shift`` (bottom-right: its queries end
    at its last key), ``r_shift``, ``kv_off`` and ``kv_total``."""
    if not spec.varlen:
        return
    if spec.q_layout == "packed":
        c.let("q0", "CUQ[b]")
        c.let("Sq", "CUQ[b + 1] - q0")
    else:
        c.let("q0", "0")
        c.let("Sq", "SQ")
    c.let("k0", "CUK[b]" if spec.kv_layout == "packed" else "0")
    if spec.kv_layout == "packed":
        c.let("Skv", "CUK[b + 1] - k0")
    elif spec.kv_layout == "paged":
        c.let("Skv", "KVL[b, hk]" if spec.head_pages else "KVL[b]")
    else:
        c.let("Skv", "T.min(KVL[b], SKV)" if spec.kv_lens else "SKV")
    c.let("p_shift", "Skv - Sq")
    c.let("r_shift", "0")
    c.let("kv_off", "0")
    c.let("kv_total", "Skv")


def q_at(spec: TvmSpec, h: str, row: str, d: str) -> str:
    """Q of query head ``h``, row ``row`` of sequence ``b`` (a packed row is clamped into
    the tensor: rows past a sequence's end are masked, never written)."""
    if spec.q_layout == "packed":
        return f"Q[T.min(q0 + {row}, TQ - 1), {h}, {d}]"
    return f"Q[b, {h}, {row}, {d}]"


def kv_at(spec: TvmSpec, t: str, j: str, d: str) -> str:
    """K or V (``t``) of KV head ``hk``, key ``j`` (``0 <= j < Skv``) of sequence ``b``
    (quantized K/V: the element dequantized as it loads, ``quant.py``)."""
    if spec.kv_code:
        return quant.kv_load(spec, t, j, d)
    if spec.kv_layout == "packed":
        return f"{t}[k0 + {j}, hk, {d}]"
    if spec.kv_layout == "paged":
        ps = spec.page_size
        bt = "BT[b, hk, " if spec.head_pages else "BT[b, "
        return f"{t}[{bt}({j}) // {ps}], ({j}) % {ps}, hk, {d}]"
    return f"{t}[b, hk, {j}, {d}]"


def o_at(spec: TvmSpec, h: str, row: str, d: str | None = None) -> str:
    """O (or LSE, with ``d`` None) of query head ``h``, row ``row`` of sequence ``b``."""
    if spec.q_layout == "packed":
        return f"O[q0 + {row}, {h}, {d}]" if d is not None else f"LSE[q0 + {row}, {h}]"
    return f"O[b, {h}, {row}, {d}]" if d is not None else f"LSE[b, {h}, {row}]"


def divisor_chunk(extent: int, rows: int, vec: int) -> int:
    """A chunk of ``extent`` (a divisor) for a ``rows x chunk`` float32 register block:
    under 1 KiB, in at most 8 vector registers (half of AVX2's 16, a quarter of
    AVX-512's 32: room for the operands), the widest vectors first, then the widest
    chunk."""
    fits = [w for w in range(1, extent + 1) if extent % w == 0 and rows * w * 4 < 1024
            and rows * (w // simd_width(w, vec)) <= 8]
    return max(fits or [1], key=lambda w: (simd_width(w, vec), w))
