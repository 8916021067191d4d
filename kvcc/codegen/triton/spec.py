"""KernelSpec: everything the Triton emitter needs to know about one attention op.

Lowering reads an :class:`~kvcc.ir.ops.AttentionOp` (plus the run-time choice
of split-KV) and produces a frozen, hashable spec. Its canonical text
(:meth:`KernelSpec.text`) is the cache key for generated source and binaries,
and what ``kvcc explain`` will show. Sizes that change from call to call
(batch, lengths, split count) are *not* in the spec: one kernel serves them all.

The mask is carried as its program (the algebra's text). Its tile classification
is not a table computed per call, as in FlexAttention's block masks: the emitter
turns the mask into per-program key ranges and a fully-visible range
(``mask_emit``), so each program classifies its own tiles from the run-time
lengths, and a new length or batch costs no rebuild. ``kvcc.ir.classify_tiles``
gives the same classification on the host, for inspection (``kvcc explain``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from functools import lru_cache

from kvcc.codegen.backend import UnsupportedOp
from kvcc.codegen.triton.mask_emit import emit_mask
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Dense, Packed, Paged, Scope
from kvcc.ir.mask import Mask, data_refs, rename_refs
from kvcc.ir.ops import AttentionOp
from kvcc.ir.syntax import print_mask
from kvcc.ir.types import as_int

SUPPORTED_DTYPES = (DType.f16, DType.bf16, DType.f32)


class UnsupportedAttention(UnsupportedOp):
    """The Triton backend cannot run this attention op; the message says which feature."""


@dataclass(frozen=True)
class KernelSpec:
    """One generated attention kernel.

    ``q_layout``: dense | packed. ``kv_layout``: dense | packed | paged (with
    ``page_size``); ``kv_lens``: a dense cache with per-sequence lengths.
    ``pack_gqa``: the ``group`` query heads of one KV head share a program (their
    rows stacked in the M tile) so K/V are read once: the decode form.
    ``placed``: the op sits inside a larger problem (offsets passed at run time).
    ``data_refs``: the op's run-time mask tensors, in kernel-argument order (the
    mask text names them ``m0, m1, ...``).
    ``split``: partial states go to a workspace and a merge kernel combines them.
    ``kv_code`` and the fields after it: K/V stored quantized (dense layout), read
    through the format's load (``kvload.py``), dequantized before the dot; dense or
    paged (pages of codes and scales, full-precision rings for the recent tokens).
    ``tma``: K and V are read through TMA tensor descriptors (Hopper and later;
    dense K/V without per-sequence lengths), else through pointers; Q and O too
    where their rows are one head's (``tma_qo``: not GQA-packed, dense q).
    ``scores``: the op returns eviction scores (``AttentionOp.scores``); the window is a
    run-time argument, so one kernel serves every window.
    """

    q_layout: str
    kv_layout: str
    page_size: int
    kv_lens: bool
    mask: str
    data_refs: tuple[str, ...]
    group: int
    pack_gqa: bool
    head_dim: int
    head_dim_v: int
    dtype: str
    out_dtype: str
    softcap: bool
    alibi: bool
    return_lse: bool
    placed: bool
    split: bool
    tma: bool
    block_m: int
    block_n: int
    num_warps: int
    num_stages: int
    # quantized K/V (see kvload.py): the format's code type ("" for plain K/V), scale
    # scopes, group, packing, QuantSpec's planes, full-precision residual rows
    kv_code: str = ""
    k_scope: str = ""
    v_scope: str = ""
    kv_group: int = 0
    kv_packed: bool = False
    kv_hier: bool = False
    kv_residual: bool = False
    kv_scale: str = ""  # the scales' and zeros' dtype
    # paged quantized K/V: keys are quantized in blocks of kv_kblock tokens (the keys'
    # residual ring), values keep the last kv_window tokens (theirs); both rings
    # indexed by position mod their length (see AttentionOp.residual_slot)
    kv_kblock: int = 0
    kv_window: int = 0
    kv_upper: bool = False  # QuantSpec's upper plane alone (the draft view)
    # eviction scores (H2O, SnapKV): a second pass over the program's key tiles, once the
    # rows' softmax is final, adds the window rows' probabilities into a per-KV-head
    # output (the merge kernel's pass when split: only it knows the final lse)
    scores: bool = False
    # two sources of paged K/V (streaming heads in bounded pages): the KV heads listed
    # ("0,3") read the second pool through their own block table and lengths
    kv_alt: str = ""
    # per-head pages (Quest's compacted selection): block table [B, Hkv, W], lengths
    # [B, Hkv]; each program reads its KV head's row
    bt_heads: bool = False

    @property
    def alt_heads(self) -> tuple[int, ...]:
        return tuple(int(h) for h in self.kv_alt.split(",")) if self.kv_alt else ()

    def text(self) -> str:
        """Canonical text: one ``key = value`` line per field, in declaration order."""
        return _text(self)

    @staticmethod
    def from_text(text: str) -> KernelSpec:
        """Inverse of :meth:`text` (memoized: the custom op receives the text per call)."""
        return _from_text(text)

    @staticmethod
    def _parse(text: str) -> KernelSpec:
        kv = {}
        for line in filter(str.strip, text.splitlines()):
            key, _, val = line.partition(" =")  # an empty value may have lost its space
            kv[key] = val[1:] if val.startswith(" ") else val
        vals: dict[str, object] = {}
        for f in fields(KernelSpec):
            if f.name not in kv and f.name in _LATE:
                vals[f.name] = _LATE[f.name]
                continue
            raw = kv[f.name]
            if f.type in ("bool", bool):
                vals[f.name] = raw == "True"
            elif f.type in ("int", int):
                vals[f.name] = int(raw)
            elif f.name == "data_refs":
                vals[f.name] = tuple(x.strip(" '\"") for x in raw.strip("()").split(",")
                                     if x.strip(" '\""))
            else:
                vals[f.name] = raw
        return KernelSpec(**vals)  # type: ignore[arg-type]

    def key(self) -> str:
        """Content hash of :meth:`text`: the cache key and the kernel's name."""
        return _key(self)

    @property
    def block_d(self) -> int:
        return max(16, _pow2(self.head_dim))

    @property
    def block_dv(self) -> int:
        return max(16, _pow2(self.head_dim_v))

    @property
    def tma_qo(self) -> bool:
        """Q loaded and O stored through TMA descriptors as well as K and V."""
        return self.tma and self.q_layout == "dense" and not self.pack_gqa

    @property
    def rows_per_q(self) -> int:
        """M-tile rows per query row: the group when GQA heads are packed, else 1."""
        return self.group if self.pack_gqa else 1


# memoized: the custom op and the launcher ask for these on every call
@lru_cache(maxsize=1024)
def _from_text(text: str) -> KernelSpec:
    return KernelSpec._parse(text)


# fields added after kernels were keyed print only when set, so the text (and the key,
# and the committed static profiles) of every kernel without them stays the same
_LATE = {"kv_kblock": 0, "kv_window": 0, "kv_upper": False, "scores": False, "kv_alt": "",
         "bt_heads": False}


@lru_cache(maxsize=1024)
def _text(spec: KernelSpec) -> str:
    return "\n".join(f"{f.name} = {getattr(spec, f.name)}" for f in fields(spec)
                     if _LATE.get(f.name, ...) != getattr(spec, f.name)) + "\n"


@lru_cache(maxsize=1024)
def _key(spec: KernelSpec) -> str:
    return hashlib.sha256(_text(spec).encode()).hexdigest()[:24]


def _pow2(n: int) -> int:
    p = 1
    while p < n:
        p *= 2
    return p


@dataclass(frozen=True)
class Tiles:
    block_m: int
    block_n: int
    num_warps: int
    num_stages: int


def default_tiles(head_dim: int, pack_gqa: bool, rows: int, generic_mask: bool = False,
                  dtype: DType = DType.bf16, quantized: bool = False) -> Tiles:
    """Tile sizes before autotuning: FA2-style prefill tiles, narrow M for decode.

    ``rows`` is the M extent a program needs (group x query rows when packed).
    Generic masks hold a [BLOCK_M, BLOCK_N] predicate live across the tile, which
    spills at 128x64 (660 bytes of stack on sm_90); 128x32 does not. fp32 dots are
    exact (CUDA-core FMAs, no tensor cores): at 16-bit tile sizes they spill kilobytes
    per thread, at 16x16 nothing for head dims up to 256 on sm_80 and sm_90."""
    if dtype == DType.f32:
        return Tiles(16, 16, 4, 2)
    if quantized:
        # dequantized K and V tiles are fp32 before the dot: 32 keys per tile keep them
        # in registers (at 64, decode spilled 0.2-1.3 KB per thread; sm_90, triton 3.9)
        return Tiles(max(16, min(64, _pow2(rows))), 32, 4, 2) if pack_gqa else \
            Tiles(128, 32, 8, 2)
    if pack_gqa:
        return Tiles(max(16, min(64, _pow2(rows))), 64 if head_dim <= 128 else 32, 4, 2)
    if generic_mask and head_dim <= 128:
        return Tiles(128, 32, 8, 2)
    if head_dim <= 128:
        # 128x64 tiles as in the anchors' tuned direct kernel; that kernel loaded
        # through TMA with 4 warps, but with pointer loads 4 warps spill at D=128
        # (255 registers + stack on sm_90) and 8 do not. Tuning will decide per GPU.
        return Tiles(128, 64, 8 if head_dim > 64 else 4, 2)
    return Tiles(64, 32, 4, 1)


def tma_eligible(op: AttentionOp) -> bool:
    """K/V can be read through TMA descriptors: a dense cache used whole."""
    return isinstance(op.kv_layout, Dense) and op.kv_lens is None and op.kv_format is None


def lower(op: AttentionOp, *, max_q_len: int | None = None, split: bool = False,
          tiles: Tiles | None = None, tma: bool = False) -> KernelSpec:
    """The KernelSpec for ``op``; raises :class:`UnsupportedAttention` for features the
    Triton backend does not have (quantized KV in the packed layout, a whole-tensor
    scale)."""
    fmt = op.kv_format
    if fmt is not None and Scope.tensor in (fmt.k_scope, fmt.v_scope):
        raise UnsupportedAttention(f"quantized KV ({fmt.name}) with one scale for the whole "
                                   "tensor is not supported by the Triton backend (per-head, "
                                   "per-token and per-channel scales are)")
    if fmt is not None and isinstance(op.kv_layout, Packed):
        raise UnsupportedAttention(f"quantized KV ({fmt.name}) in the packed layout is not "
                                   "supported by the Triton backend (dense and paged are)")
    dt = op.q.type.dtype
    if dt not in SUPPORTED_DTYPES:
        raise UnsupportedAttention(f"q dtype {dt.value} is not supported by the Triton backend "
                                   "(f16, bf16, f32)")
    ql, kl = op.q_layout, op.kv_layout
    d = as_int(op.q.type.shape[-1])
    dv = as_int(op.o.type.shape[-1])  # (quantized v holds codes: its last axis is words)
    hq = as_int(op.q.type.shape[1])
    hk = as_int(op.k.type.shape[2] if isinstance(kl, Paged) else op.k.type.shape[1])
    if None in (d, dv, hq, hk):
        raise UnsupportedAttention("head counts and head dims must be static")
    hk += len(op.alt_heads)
    group = hq // hk
    if max_q_len is None:
        max_q_len = as_int(op.q.type.shape[2]) if isinstance(ql, Dense) else None
    pack = max_q_len is not None and max_q_len * group <= 64 and group > 1
    generic = emit_mask(op.mask).generic
    t = tiles or default_tiles(d, pack, (max_q_len or 1) * group, generic, dt, fmt is not None)
    # run-time mask tensors get positional names, so the spec does not depend on them
    canon = {ref: f"m{i}" for i, ref in enumerate(data_refs(op.mask))}
    return KernelSpec(
        q_layout="packed" if isinstance(ql, Packed) else "dense",
        kv_layout={Dense: "dense", Packed: "packed", Paged: "paged"}[type(kl)],
        page_size=kl.page_size if isinstance(kl, Paged) else 0,
        kv_lens=isinstance(kl, Dense) and op.kv_lens is not None,
        mask=print_mask(rename_refs(op.mask, canon)),
        data_refs=tuple(canon.values()),
        group=group,
        pack_gqa=pack,
        head_dim=d,
        head_dim_v=dv,
        dtype=dt.value,
        out_dtype=op.o.type.dtype.value,
        softcap=op.softcap is not None,
        alibi=op.alibi is not None,
        return_lse=op.lse is not None,
        placed=not (op.q_offset == 0 and op.kv_offset == 0 and op.q_total is None
                    and op.kv_total is None),
        split=split,
        # generic masks predicate the loads of empty tiles, which TMA loads cannot do;
        # those kernels keep pointer loads
        tma=tma and tma_eligible(op) and not generic,
        block_m=t.block_m,
        block_n=t.block_n,
        num_warps=t.num_warps,
        num_stages=t.num_stages,
        scores=op.scores is not None,
        kv_alt=",".join(map(str, op.alt_heads)),
        bt_heads=isinstance(kl, Paged) and op.block_table.type.rank == 3,
        **({} if fmt is None else dict(
            kv_code=fmt.code.value, k_scope=fmt.k_scope.value, v_scope=fmt.v_scope.value,
            kv_group=fmt.group_size, kv_packed=fmt.packed, kv_hier=fmt.hierarchical,
            kv_residual=op.k_residual is not None or op.v_residual is not None,
            kv_scale=fmt.scale_dtype.value, kv_upper=op.kv_precision == "upper",
            **(dict(kv_kblock=fmt.key_block() if op.k_residual is not None else 0,
                    kv_window=fmt.residual if op.v_residual is not None else 0)
               if isinstance(kl, Paged) else {}))),
    )


@lru_cache(maxsize=512)
def mask_of(spec: KernelSpec) -> Mask:
    from kvcc.ir.syntax import parse_mask

    return parse_mask(spec.mask)
