"""TvmSpec: everything the TVM emitter needs to know about one attention op.

Lowering reads an :class:`~kvcc.ir.ops.AttentionOp` and the query length of the call
and produces a frozen, hashable spec; its canonical text (:meth:`TvmSpec.text`) is
what the generated kernel's name and the build cache key are made of. Sizes that
change from call to call (batch, head counts, lengths, placement, split count) are
run-time arguments: one kernel serves them all. Only the query length chooses the
kernel *kind*:

- ``decode``: the ``group`` query heads of one KV head and all ``q_rows`` queries
  (``group * q_rows`` rows, at most :data:`MAX_DECODE_ROWS`) share a program, so each
  K/V row is read once per KV head (``wide``, over paged or packed K/V: the rows of
  every KV head of the sequence share one); programs split the keys (split-KV) and a
  merge combines the splits exactly.
- ``prefill``: a program owns ``block_m`` queries of one query head and walks the
  keys in tiles of ``block_n``.
- ``scores`` (:func:`scores_spec`, run after either when the op asks for eviction
  scores): a program owns one tile of one KV head's keys and sums the softmax
  probabilities the window's rows give them, from the attention's lse.

Layouts: q dense ``[B, Hq, Sq, D]`` or packed ``[Tq, Hq, D]`` (``cu_seqlens_q``);
K/V dense ``[B, Hkv, Skv, D]`` (optionally cut per sequence by ``kv_lens``), packed
``[Tk, Hkv, D]`` (``cu_seqlens_k``) or paged ``[P, page, Hkv, D]`` (``block_table``
and ``kv_lens``). Any layout other than dense q over dense K/V is *per sequence*:
each sequence's queries end at its last key (bottom-right, its own lengths; no
placement), as the reference runs them, with their own ALiBi positions and static
document tables (every sequence's keys must be the documents' total). Dense or paged
K/V may be quantized (an op's ``kv_format``: every preset and QuantSpec's planes,
with KIVI's residual): the kernels read the codes and dequantize as they load
(``quant.py``). Masks are unions of a few key intervals per row, optionally filtered
by document ids (dense only; see ``mask.py``); ALiBi (``alibi``) subtracts
``slope_h * |position - key|`` after the scale and the softcap, as the reference
does. What the kernels cannot express raises :class:`UnsupportedAttention` naming
the feature, and the caller (``auto``) runs the reference instead.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from functools import lru_cache

from kvcc.codegen.backend import UnsupportedOp
from kvcc.codegen.tvm import quant
from kvcc.codegen.tvm.mask import doc_tables, page_tensors
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Dense, Packed, Paged
from kvcc.ir.mask import ByHead, Document, Mask, PageSelect, data_refs, rename_refs, walk
from kvcc.ir.ops import AttentionOp
from kvcc.ir.syntax import parse_mask, print_mask
from kvcc.ir.types import as_int

SUPPORTED_DTYPES = (DType.f16, DType.bf16, DType.f32)
# rows of one decode program (GQA group x queries); past it, programs per query head
MAX_DECODE_ROWS = 32


class UnsupportedAttention(UnsupportedOp):
    """The TVM backend cannot run this attention op; the message says which feature."""


@dataclass(frozen=True)
class TvmSpec:
    """One generated TVM kernel (see the module docstring for ``kind``).

    ``q_rows``: the query length a decode kernel is built for (0 for prefill, whose
    length is a run-time size). ``vec``: SIMD lanes of the target (16 with AVX-512,
    8 with AVX2) that the schedule vectorizes by. Tiles: ``block_m`` query rows per
    prefill program; ``block_n`` keys per tile; ``qk_keys`` keys per register block of
    the prefill QK product, ``pv_rows`` rows per register block of the PV product.
    """

    kind: str
    mask: str
    group: int
    q_rows: int
    head_dim: int
    head_dim_v: int
    dtype: str
    out_dtype: str
    softcap: bool
    vec: int
    block_m: int
    block_n: int
    qk_keys: int
    pv_rows: int
    q_layout: str = "dense"
    kv_layout: str = "dense"
    kv_lens: bool = False
    page_size: int = 0
    # quantized K/V (quant.py): the code dtype ("" for plain K/V), the scales' scopes,
    # group and dtype, packed words, QuantSpec's two planes (or its upper plane alone),
    # a full-precision residual per role, and in pages the residual rings' lengths
    kv_code: str = ""
    k_scope: str = ""
    v_scope: str = ""
    kv_group: int = 0
    kv_packed: bool = False
    kv_hier: bool = False
    kv_upper: bool = False
    kv_scale: str = ""
    k_residual: bool = False
    v_residual: bool = False
    k_ring: int = 0
    v_ring: int = 0
    # ALiBi: the scores less slope_h * |position - key| (slopes from the call, SL)
    alibi: bool = False
    # paged K/V with a block table and length per KV head (Quest's compacted selection):
    # BT [B, Hk, pages], KVL [B, Hk]
    head_pages: bool = False
    # a decode program over every KV head of its sequence (decode.py): K/V whose heads
    # interleave (paged or packed: a key row holds all its heads), plain, under a mask
    # the heads share, so each key row is read whole
    wide: bool = False

    def text(self) -> str:
        """Canonical text: one ``key = value`` line per field, in declaration order; a
        field added after the first release is left out at its default, so the keys of
        kernels that do not use it (and the tuning entries made for them) stay."""
        return "".join(f"{f.name} = {getattr(self, f.name)}\n" for f in fields(self)
                       if f.name not in _LATER or getattr(self, f.name) != _LATER[f.name])

    def key(self) -> str:
        """Content hash of :meth:`text`."""
        return hashlib.sha256(self.text().encode()).hexdigest()[:20]

    @property
    def rows(self) -> int:
        """Rows of one program: a decode (or scores) program's GQA group x queries, else
        block_m."""
        return self.group * self.q_rows if self.kind in ("decode", "scores") else self.block_m

    @property
    def varlen(self) -> bool:
        """Per-sequence lengths and positions (any layout but dense over dense)."""
        return self.q_layout != "dense" or self.kv_layout != "dense" or self.kv_lens

    @property
    def mask_ir(self) -> Mask:
        return _parse(self.mask)


def scores_spec(spec: TvmSpec) -> TvmSpec:
    """The eviction-score kernel of an attention kernel (``scores.py``): its mask, layouts,
    format and score modifiers, programs of one KV head and one key tile over the
    window's rows in chunks of ``q_rows`` queries x the group (about 16 rows)."""
    from dataclasses import replace

    return replace(spec, kind="scores", q_rows=max(1, 16 // spec.group), block_m=0,
                   qk_keys=0, pv_rows=0, wide=False)


@lru_cache(maxsize=512)
def _parse(text: str) -> Mask:
    return parse_mask(text)


def lower(op: AttentionOp, q_len: int, vec: int = 16) -> TvmSpec:
    """The TvmSpec for ``op`` called with ``q_len`` queries (packed q: the longest
    sequence's, or a bound on it); raises
    :class:`UnsupportedAttention` naming the first feature the TVM backend lacks."""
    missing = _missing(op)
    if missing:
        raise UnsupportedAttention(f"the TVM backend does not support {missing}; "
                                   "backend='auto' runs this op on the reference backend")
    d, dv = as_int(op.q.type.shape[-1]), as_int(op.o.type.shape[-1])
    hq = as_int(op.q.type.shape[1])
    hk = as_int(op.k.type.shape[2 if isinstance(op.kv_layout, Paged) else 1])
    if None in (d, dv, hq, hk):
        raise UnsupportedAttention("the TVM backend needs static head counts and head dims")
    if hq % hk:
        raise ValueError(f"Hq={hq} is not a multiple of Hkv={hk}")
    group = hq // hk
    for node in walk(op.mask):
        if isinstance(node, ByHead) and (node.group != group or node.num_heads != hk):
            raise UnsupportedAttention(
                f"the TVM backend does not support by_head masks over {node.num_heads} KV "
                f"heads of {node.group} query heads on an op with {hk} KV heads of {group}")
    decode = 0 < group * q_len <= MAX_DECODE_ROWS
    head_pages = (isinstance(op.kv_layout, Paged) and op.block_table is not None
                  and op.block_table.type.rank == 3)
    # run-time mask tensors get positional names (``m0``, ``m1``, ... in the order of
    # ``data_refs``), so calls with fresh masks share one kernel (op.py maps them back)
    canon = {ref: f"m{i}" for i, ref in enumerate(data_refs(op.mask))}
    return TvmSpec(
        kind="decode" if decode else "prefill",
        mask=print_mask(rename_refs(op.mask, canon, keep_data=False)),
        group=group,
        q_rows=q_len if decode else 0,
        head_dim=d,
        head_dim_v=dv,
        dtype=op.q.type.dtype.value,
        out_dtype=op.o.type.dtype.value,
        softcap=op.softcap is not None,
        vec=vec,
        # prefill: 4 vectors of rows (64 with AVX-512); register blocks of 8 vectors,
        # under the 1 KiB TVM keeps on the stack (script.py); decode: 64-key tiles. On a
        # 2-core AVX-512 machine, 64 x 64 tiles with blocks of 2 keys x 64 rows (QK) and
        # 4 rows x 32 dims (PV) ran within 5% of every other shape tried
        block_m=0 if decode else 4 * vec,
        block_n=64,
        qk_keys=0 if decode else 2,
        pv_rows=0 if decode else 4,
        q_layout=_LAYOUT[type(op.q_layout)],
        kv_layout=_LAYOUT[type(op.kv_layout)],
        kv_lens=isinstance(op.kv_layout, Dense) and op.kv_lens is not None,
        page_size=op.kv_layout.page_size if isinstance(op.kv_layout, Paged) else 0,
        **quant.spec_fields(op),
        alibi=op.alibi is not None,
        head_pages=head_pages,
        wide=(decode and not isinstance(op.kv_layout, Dense) and op.kv_format is None
              and not head_pages
              and not any(isinstance(n, (ByHead, PageSelect)) for n in walk(op.mask))),
    )


_LAYOUT = {Dense: "dense", Packed: "packed", Paged: "paged"}
_LATER = {"head_pages": False, "wide": False}  # fields added later, at their defaults


def _missing(op: AttentionOp) -> str | None:
    """The first feature of ``op`` outside what the TVM kernels run, in words."""
    dt = op.q.type.dtype
    if dt not in SUPPORTED_DTYPES:
        return f"q dtype {dt.value} (it runs f16, bf16 and f32, computing in f32)"
    if isinstance(op.q_layout, Paged):
        return "a paged q (it runs dense or packed q)"
    if isinstance(op.kv_layout, Paged) and op.block_table is not None and (
            op.block_table.type.rank == 3) and (doc_tables(op.mask) or page_tensors(op.mask)):
        return ("document lengths or page selections over per-head pages (Quest's "
                "compacted selection)")
    varlen = not (isinstance(op.q_layout, Dense) and isinstance(op.kv_layout, Dense)
                  and op.kv_lens is None)
    if varlen and any(isinstance(n, Document) and n.ids is not None for n in walk(op.mask)):
        return ("document ids over packed or paged sequences (the reference runs them on "
                "dense K/V only; use document(lengths=...))")
    if op.kv_format is not None and quant.missing(op):
        return quant.missing(op)
    if op.scores is not None and op.alt_heads:
        return "eviction scores over two sources of K/V"
    if op.alt_heads:
        return "two sources of K/V (streaming heads in bounded pages)"
    if op.kv_format is None and (op.k.type.dtype != dt or op.v.type.dtype != dt):
        return (f"mixed dtypes (q {dt.value}, k {op.k.type.dtype.value}, "
                f"v {op.v.type.dtype.value})")
    return None
