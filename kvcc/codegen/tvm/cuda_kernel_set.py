"""The default set of kvcc's TVM CUDA kernels: what ``python -m kvcc.codegen.tvm.cuda``
builds and ``benchmarks/tvm_cuda`` holds for the GPU check (the kernels themselves:
``cuda_kernels.py``, ``cuda_prefill.py``, ``cuda_scores.py``).

Per dtype (fp16, bf16) and head dim (64, 128): every kernel kind over plain K/V and over
pages of every ``kvcc.quant`` format, the masks of :data:`MASK_KERNELS` compiled in;
then :func:`other_head_dims`, :func:`float32_kernels`, :func:`dense_quant_kernels` and
:func:`scores_kernels`. ``kvcc compile SPEC --backend tvm`` builds any other kernel a
SPEC's problems launch (attention, not the eviction scores or QuantSpec's upper view,
which a SPEC does not ask for: those come with the default set).
"""

from __future__ import annotations

from kvcc.codegen.tvm import cuda_quant as cq
from kvcc.codegen.tvm import cuda_scores as cs
from kvcc.codegen.tvm.cuda_common import DTYPES, HEAD_DIMS, PAGE_SIZES, KernelDef
from kvcc.codegen.tvm.cuda_kernels import decode, merge
from kvcc.codegen.tvm.cuda_prefill import prefill

# Masks compiled in by default (besides the run-time window and sinks), per (dtype, head
# dim): kernel kind (``prefill``, ``varlen`` prefill, or ``decode`` of group 4) and the
# mask's text. ``kvcc compile --backend tvm`` builds any other a SPEC needs.
MASK_KERNELS = (
    ("prefill", "full"),  # bidirectional (encoders, cross-attention)
    ("prefill", "causal(top_left)"),
    ("prefill", "causal & document(%ids0)"),  # packed documents given by id
    ("varlen", "full"),
    ("decode", "document(%ids0)"),
    ("paged_decode", "causal & page_select(16, %pages0)"),  # Quest over a KVCache's pages
)


def mask_kernel(kind: str, dtype: str, d: int, text: str) -> KernelDef:
    """One of :data:`MASK_KERNELS`."""
    from kvcc.ir.syntax import parse_mask

    m = parse_mask(text)
    if kind in ("decode", "paged_decode"):
        return decode(dtype, d, 4, 16 if kind == "paged_decode" else None, mask=m)
    return prefill(dtype, d, varlen=kind == "varlen", mask=m)


# Head dims outside HEAD_DIMS in the default set, with the GPU check's cases at them:
# dtype, head dim, decode groups (each plain and over pages of 16)
OTHER_HEAD_DIMS = (("float16", 80, (1,)), ("float16", 96, (4,)), ("bfloat16", 256, (2, 4)))


def other_head_dims(dims=OTHER_HEAD_DIMS) -> list[KernelDef]:
    """Per entry of ``dims``: prefill, varlen prefill, merge, the decodes and paged
    decodes of its groups and the paged prefill; and int8 pages at 256."""
    out: list[KernelDef] = []
    for dt, d, groups in dims:
        out += [prefill(dt, d), prefill(dt, d, varlen=True), merge(dt, d)]
        out += [decode(dt, d, g, p) for p in (None, 16) for g in groups]
        out.append(prefill(dt, d, True, 16))
        if d == 256:
            out.append(prefill(dt, d, True, 16, "int8"))
    return out


# Dense quantized K/V in the default set (as ``kvcc.attention(kv_format=...)`` stores
# it): the decode of group 4 and the prefill per (dtype, format) at this head dim
DENSE_QUANT_HEAD_DIM = 128


def dense_quant_kernels(dtypes=tuple(DTYPES), kv_formats=cq.PRESETS,
                        d: int = DENSE_QUANT_HEAD_DIM) -> list[KernelDef]:
    """Per dtype and format: the dense decode of group 4 and the dense prefill (and
    QuantSpec's draft view, ``kv_precision="upper"``, of each)."""
    out: list[KernelDef] = []
    for dt in dtypes:
        for f in map(cq.resolve, kv_formats):
            for prec in ("full", "upper") if f.hierarchical else ("full",):
                out += [decode(dt, d, 4, None, f, kv_precision=prec),
                        prefill(dt, d, kv_format=f, kv_precision=prec)]
    return out


# Eviction scores in the default set, per dtype: plain K/V (dense, packed, pages of 16)
# at HEAD_DIMS, and these formats (dense and pages of 16) at head dim 128
SCORES_FORMATS = ("int8", "kivi2")


def scores_kernels(dtypes=tuple(DTYPES), head_dims=HEAD_DIMS,
                   kv_formats=SCORES_FORMATS) -> list[KernelDef]:
    """The eviction-score kernels of the default set (``cuda_scores.py``)."""
    out: list[KernelDef] = []
    for dt in dtypes:
        for d in head_dims:
            out += [cs.scores(dt, d), cs.scores(dt, d, "varlen"), cs.scores(dt, d, "paged", 16)]
        for f in kv_formats:
            out += [cs.scores(dt, 128, "dense", None, f), cs.scores(dt, 128, "paged", 16, f)]
    return out


def float32_kernels(head_dims=HEAD_DIMS) -> list[KernelDef]:
    """float32 in the default set, per head dim: prefill, varlen prefill, merge, decode
    of groups 1 and 4, the paged decode of group 4 and the paged prefill (pages of 16)."""
    out: list[KernelDef] = []
    for d in head_dims:
        out += [prefill("float32", d), prefill("float32", d, varlen=True), merge("float32", d)]
        out += [decode("float32", d, g) for g in (1, 4)]
        out += [decode("float32", d, 4, 16), prefill("float32", d, True, 16)]
    return out


def kernel_set(head_dims=HEAD_DIMS, groups=(1, 2, 4, 8), dtypes=tuple(DTYPES),
               page_sizes=PAGE_SIZES, kv_formats=cq.PRESETS, quant_groups=(1, 4),
               quant_page_sizes=(16,), masks=MASK_KERNELS,
               other_dims=OTHER_HEAD_DIMS, float32_dims=HEAD_DIMS,
               dense_quant=cq.PRESETS, scores_formats=SCORES_FORMATS) -> list[KernelDef]:
    """Every kernel of one build: prefill, varlen prefill and merge per (dtype, head
    dim), decode per (dtype, head dim, group), paged decode per (dtype, head dim,
    group, page size), paged prefill per (dtype, head dim, page size), and over
    quantized pages the paged decode per (dtype, head dim, format, group of
    ``quant_groups``, page size of ``quant_page_sizes``: ``kvcc.KVCache``'s default 16;
    ``kvcc compile --backend tvm`` builds any other a SPEC needs) and the paged prefill
    per (dtype, head dim, format, page size of ``quant_page_sizes``), and the mask kernels
    of ``masks`` per (dtype, head dim); then :func:`other_head_dims` of ``other_dims``,
    :func:`float32_kernels` of ``float32_dims``, :func:`dense_quant_kernels` of the
    formats ``dense_quant`` and :func:`scores_kernels` (with ``scores_formats``)."""
    out: list[KernelDef] = []
    for dt in dtypes:
        for d in head_dims:
            out += [prefill(dt, d), prefill(dt, d, varlen=True), merge(dt, d)]
            out += [decode(dt, d, g) for g in groups]
            out += [decode(dt, d, g, p) for p in page_sizes for g in groups]
            fmts = [f for f in map(cq.resolve, kv_formats) if _stores(f, d)]
            out += [decode(dt, d, g, p, f) for f in fmts for p in quant_page_sizes
                    for g in quant_groups]
            out += [prefill(dt, d, True, p) for p in page_sizes]
            out += [prefill(dt, d, True, p, f) for f in fmts for p in quant_page_sizes]
            hier = [f for f in fmts if f.hierarchical]  # QuantSpec's draft view too
            out += [decode(dt, d, g, p, f, kv_precision="upper") for f in hier
                    for p in quant_page_sizes for g in quant_groups]
            out += [prefill(dt, d, True, p, f, kv_precision="upper") for f in hier
                    for p in quant_page_sizes]
            out += [mask_kernel(kind, dt, d, text) for kind, text in masks]
    return out + other_head_dims(other_dims) + float32_kernels(float32_dims) + \
        dense_quant_kernels(dtypes, dense_quant) + scores_kernels(dtypes, head_dims, scores_formats)


def _stores(fmt, d: int) -> bool:
    """Whether ``fmt`` stores rows of ``d`` channels (QuantSpec's group of 128 does not
    divide 64)."""
    try:
        fmt.check_head_dim(d)
    except ValueError:
        return False
    return True
