"""The storage of a quantized :class:`~kvcc.runtime.cache.KVCache`: pages of codes,
scales and zeros, full-precision rings for the recent tokens, and the plan of each
step's writes.

Per layer and role (keys ``k``, values ``v``), as ``KVFormat`` rules them:

- codes ``[P, page, Hkv, W]``: u8 (int8, fp8 bytes) or int32 words (packed codes;
  QuantSpec: two planes, upper first);
- per-token scales and zeros ``[P, page, Hkv, D / G]`` beside the codes; KIVI keys'
  per-channel scales ``[P, ceil(page / G), Hkv, D]``, a group's row in the page of its
  first token (``AttentionOp.residual_slot`` documents the addressing); fp8's static
  per-head scale ``[Hkv]`` (in the format's scale dtype), calibrated from the layer's first append
  (``amax / fp8 max`` per head) unless given, and kept: later tokens past its range
  saturate;
- the residual: a ring ``[S, R, Hkv, D]`` in the cache's dtype per role with one (KIVI:
  keys quantized a block of ``R`` at a time, values the last ``R`` tokens), one row per
  live sequence (at most ``max_seqs``), token ``p`` in slot ``p mod R``.

A step's writes are planned once (:meth:`QuantPages.plan_writes`): the rows that
become quantized (new tokens, tokens leaving the value window, a key block that fills)
with their source (a new row, or the ring) and their slot, and the new tokens that
stay in the ring. The write quantizes first, then fills the ring, so a ring slot is
read before it is reused. ``backend="triton"`` quantizes with the generated kernels
(``codegen/triton/quant_append.py``); the reference quantizes with
``codegen/reference/quant.py``: both give exactly the state the reference's prefill
rule (``kv_store.store``) gives for the whole history.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from kvcc.codegen.reference.kv_store import KVStore, RoleStore
from kvcc.codegen.reference.quant import FP8_MAX, quantize
from kvcc.ir.formats import KVFormat, Scope

ROLES = ("k", "v")


def kernels_refuse(head_dim: int, fmt: KVFormat) -> str | None:
    """Why the quantize-on-append kernels cannot serve this head dim and format, or None."""
    from kvcc.codegen.triton.quant_append import check

    return check(head_dim, fmt.group_size or head_dim)


@dataclass(frozen=True)
class RoleWrites:
    """One role's writes in a step (device int32 tensors, views of the step's upload)."""

    src: torch.Tensor  # rows to quantize: >= 0 a new row, < 0 ring row -src-1
    dst: torch.Tensor  # their slots (page * page_size + offset)
    sdst: torch.Tensor  # per-channel scales: each group's row in the scale pages
    ring_src: torch.Tensor  # new rows that stay full precision ...
    ring_dst: torch.Tensor  # ... and their ring rows (row * R + position mod R)


class QuantPages:
    """The pools of a quantized cache (see the module docstring)."""

    def __init__(self, fmt: KVFormat, layers: int, num_pages: int, page_size: int, hkv: int,
                 d: int, dtype: torch.dtype, device: torch.device, max_seqs: int,
                 fp8_scale: object) -> None:
        if dtype == torch.float64:
            raise ValueError("kv_format: a quantized cache takes float16, bfloat16 or float32 "
                             "tokens (its scales are float16), not float64")
        if fp8_scale is not None:
            want = (layers, 2, hkv)
            if not fmt.is_fp8:
                raise ValueError(f"kv_scale is for fp8 formats (static per-head scales); "
                                 f"{fmt.name} computes its scales as it stores")
            if not isinstance(fp8_scale, torch.Tensor) or tuple(fp8_scale.shape) != want or \
                    not fp8_scale.is_floating_point() or not bool((fp8_scale > 0).all()):
                raise ValueError(f"kv_scale must be a positive float tensor {list(want)}")
            fp8_scale = fp8_scale.to(device)
        if Scope.tensor in (fmt.k_scope, fmt.v_scope):
            raise ValueError(f"kv_format {fmt.name}: a cache needs per-head, per-token or "
                             "per-channel scales (one scale for the whole tensor cannot grow)")
        for role in ROLES:
            if fmt.is_fp8 and fmt.scope(role) is not Scope.head:
                raise ValueError(f"kv_format {fmt.name}: a cache keeps fp8 codes with a static "
                                 "per-head scale (kvcc.quant.fp8()), not per-token scales")
            if fmt.scope(role) is Scope.head and not fmt.is_fp8:
                raise ValueError(f"kv_format {fmt.name}: an integer format with one scale per "
                                 "head cannot append (its scale would change); use per-token "
                                 "or per-channel scales")
        fmt.check_head_dim(d)
        self.fmt, self.page_size, self.hkv, self.d, self.dtype = fmt, page_size, hkv, d, dtype
        self.max_seqs = max_seqs
        self.codes, self.scale, self.zero, self.ring, self.rlen = {}, {}, {}, {}, {}
        z = dict(device=device)
        for role in ROLES:
            scope = fmt.scope(role)
            packed = fmt.packed
            width = d * (2 if fmt.hierarchical else 1) // (32 // fmt.plane_bits) if packed else d
            self.codes[role] = torch.zeros(layers, num_pages, page_size, hkv, width,
                                           dtype=torch.int32 if packed else torch.uint8, **z)
            sdt = fmt.scale_dtype.to_torch()
            if scope is Scope.head:
                self.scale[role] = torch.ones(layers, hkv, dtype=sdt, **z)
            elif scope is Scope.channel:
                rows = math.ceil(page_size / fmt.group_size)
                self.scale[role] = torch.zeros(layers, num_pages, rows, hkv, d, dtype=sdt, **z)
            else:
                ng = d // (fmt.group_size or d)
                self.scale[role] = torch.zeros(layers, num_pages, page_size, hkv, ng, dtype=sdt,
                                               **z)
            self.zero[role] = None if fmt.is_fp8 else torch.zeros_like(self.scale[role])
            r = self.ring_len(role)
            self.rlen[role] = r
            self.ring[role] = (torch.zeros(layers, max_seqs, r, hkv, d, dtype=dtype, **z)
                               if r else None)
        self.calibrated = [fp8_scale is not None] * layers
        if fmt.is_fp8 and fp8_scale is not None:
            for i, role in enumerate(ROLES):
                self.scale[role][:] = fp8_scale[:, i].to(self.scale[role])
        self._free_rows = list(range(max_seqs - 1, -1, -1)) if self.has_rings else []

    # ------------------------------------------------------------- layout

    def ring_len(self, role: str) -> int:
        """Tokens of a sequence's ring for ``role``: the key block (KIVI keys), the value
        window, or 0 (every token quantized as it comes)."""
        if role == "k":
            kb = self.fmt.key_block()
            return kb if kb > 1 else 0
        return self.fmt.residual

    @property
    def has_rings(self) -> bool:
        return any(self.rlen[r] for r in ROLES)

    def tensors(self) -> list[torch.Tensor]:
        out = []
        for role in ROLES:
            out += [t for t in (self.codes[role], self.scale[role], self.zero[role],
                                self.ring[role]) if t is not None]
        return out

    def nbytes(self) -> int:
        return sum(t.numel() * t.element_size() for t in self.tensors())

    def layer(self, layer: int, role: str) -> tuple:
        """Codes, scale, zero, ring of one layer and role (views)."""
        codes = self.codes[role][layer]
        if self.fmt.is_fp8:
            codes = codes.view(self.fmt.code.to_torch())
        z, r = self.zero[role], self.ring[role]
        return (codes, self.scale[role][layer], None if z is None else z[layer],
                None if r is None else r[layer])

    # ------------------------------------------------------------- sequences

    def take_row(self) -> int | None:
        if not self.has_rings:
            return None
        if not self._free_rows:
            from kvcc.runtime.pages import CacheFull

            raise CacheFull(f"all {self.max_seqs} residual rows are in use ({self.fmt.name} keeps "
                            "each live sequence's recent tokens in full precision): free a "
                            "sequence or make the cache with a larger max_seqs")
        return self._free_rows.pop()

    def release_row(self, row: int | None) -> None:
        if row is not None:
            self._free_rows.append(row)
            self._free_rows.sort(reverse=True)

    def copy_row(self, src: int | None, dst: int | None) -> None:
        for role in ROLES:
            if self.ring[role] is not None:
                self.ring[role][:, dst] = self.ring[role][:, src]

    def copy_pages(self, src: torch.Tensor, dst: torch.Tensor) -> None:
        for role in ROLES:
            for t in (self.codes[role], self.scale[role], self.zero[role]):
                if t is not None and t.dim() > 2:
                    t[:, dst] = t[:, src]

    def first_write(self, start: int, new: int) -> int:
        """The first position a step appending ``new`` tokens after ``start`` writes into
        pages (a key block or leaving values quantized now are older than ``start``)."""
        first = start
        for role in ROLES:
            q0 = self.fmt.quantized_tokens(start, role)
            if self.fmt.quantized_tokens(start + new, role) > q0:
                first = min(first, q0)
        return first

    # ------------------------------------------------------------- a step's writes

    def plan_writes(self, pages: list[list[int]], rows: list[int | None],
                    start: tuple[int, ...], new: tuple[int, ...]) -> list[list[int]]:
        """Host lists of each role's writes (see :class:`RoleWrites`), in the order
        ``k src, dst, sdst, ring_src, ring_dst, v ...``."""
        ps, fmt = self.page_size, self.fmt
        out: list[list[int]] = []
        for role in ROLES:
            rl = self.rlen[role]
            g = fmt.group_size if fmt.scope(role) is Scope.channel else 0
            src, dst, sdst, rsrc, rdst = [], [], [], [], []
            base = 0
            for pg, row, s, n in zip(pages, rows, start, new):
                q0, q1 = fmt.quantized_tokens(s, role), fmt.quantized_tokens(s + n, role)
                for p in range(q0, q1):
                    src.append(base + p - s if p >= s else -(row * rl + p % rl) - 1)
                    dst.append(pg[p // ps] * ps + p % ps)
                if g:
                    per_page = math.ceil(ps / g)
                    sdst += [pg[p // ps] * per_page + (p % ps) // g for p in range(q0, q1, g)]
                for p in range(max(s, q1), s + n):
                    rsrc.append(base + p - s)
                    rdst.append(row * rl + p % rl)
                base += n
            out += [src, dst, sdst, rsrc, rdst]
        return out

    def write(self, layer: int, writes: dict[str, RoleWrites], x: dict[str, torch.Tensor],
              counts: dict[str, tuple[int, int, int]], kernels: dict | None) -> None:
        """Quantize and store one layer's writes (``x``: the new rows per role, ``[T, Hkv,
        D]``; ``counts``: rows, groups and ring rows per role). ``kernels``: the Triton
        launches per role, else the reference."""
        if self.fmt.is_fp8 and not self.calibrated[layer] and x["k"].shape[0]:
            self._calibrate(layer, x)
        # the reference quantizes both roles before storing anything: a format that refuses
        # the values (scales past float16) leaves the cache as it was
        stores = {role: self._quantize_reference(layer, role, writes[role], x[role],
                                                 counts[role][1])
                  for role in ROLES if kernels is None and counts[role][0]}
        for role in ROLES:
            n, groups, nr = counts[role]
            w = writes[role]
            if n and kernels is not None:
                self._write_kernel(kernels[role], layer, role, w, x[role], n, groups)
            elif n:
                for pool, idx, val in stores[role]:
                    pool[idx] = val
            if nr:
                ring = self.ring[role][layer].flatten(0, 1)
                ring.index_copy_(0, w.ring_dst.long(), x[role].index_select(0, w.ring_src.long()))

    def _calibrate(self, layer: int, x: dict[str, torch.Tensor]) -> None:
        """fp8: each head's scale from the layer's first appended tokens, ``amax / fp8
        max`` (the reference's formula; its prefill rule takes the amax of what it is
        given, so a state matches it with these scales passed in)."""
        top = FP8_MAX[self.fmt.code]
        for role in ROLES:
            amax = x[role].float().abs().amax(dim=(0, 2))
            s = torch.where(amax > 0, amax / top, torch.ones_like(amax))
            self.scale[role][layer] = s.to(self.scale[role].dtype)
        self.calibrated[layer] = True

    def _rows(self, layer: int, role: str, src: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        """The rows to quantize ``[n, Hkv, D]``: new rows, or ring rows."""
        s = src.long()
        out = x.index_select(0, s.clamp(min=0))
        ring = self.ring[role]
        if ring is not None:
            old = ring[layer].flatten(0, 1).index_select(0, (-s - 1).clamp(min=0))
            out = torch.where((s >= 0)[:, None, None], out, old)
        return out

    def _quantize_reference(self, layer: int, role: str, w: RoleWrites, x: torch.Tensor,
                            groups: int) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
        """The reference's codes, scales and zeros of one role's rows, as (pool, index,
        value) stores to make."""
        fmt = self.fmt
        rows = self._rows(layer, role, w.src, x)
        codes = self.codes[role][layer].flatten(0, 1)
        dst = w.dst.long()
        if groups:  # per channel over groups of G tokens: [groups, H, G, D]
            g = fmt.group_size
            xs = rows.reshape(groups, g, self.hkv, self.d).permute(0, 2, 1, 3)
            c, sc, zz = quantize(xs, fmt, role)
            sd = w.sdst.long()
            return [(codes, dst, c.permute(0, 2, 1, 3).reshape(groups * g, self.hkv, -1)),
                    (self.scale[role][layer].flatten(0, 1), sd, sc[:, :, 0]),
                    (self.zero[role][layer].flatten(0, 1), sd, zz[:, :, 0])]
        xs = rows.permute(1, 0, 2).unsqueeze(0)  # [1, H, n, D]
        static = self.scale[role][layer][None] if fmt.is_fp8 else None
        c, sc, zz = quantize(xs, fmt, role, scale=static)
        if fmt.is_fp8:
            return [(codes, dst, c.view(torch.uint8)[0].permute(1, 0, 2))]
        return [(codes, dst, c[0].permute(1, 0, 2)),
                (self.scale[role][layer].flatten(0, 1), dst, sc[0].permute(1, 0, 2)),
                (self.zero[role][layer].flatten(0, 1), dst, zz[0].permute(1, 0, 2))]

    def _write_kernel(self, launch, layer: int, role: str, w: RoleWrites, x: torch.Tensor,
                      n: int, groups: int) -> None:
        fn, meta = launch
        codes = self.codes[role][layer].flatten(0, 1)
        scale = self.scale[role][layer]
        if scale.dim() > 1:
            scale = scale.flatten(0, 1)
        zero = self.zero[role][layer].flatten(0, 1) if self.zero[role] is not None else scale
        ring = (self.ring[role][layer].flatten(0, 1) if self.ring[role] is not None else x)
        s_st = (0, scale.stride(0)) if scale.dim() == 1 else (scale.stride(0), scale.stride(1))
        grid = (groups,) if groups else (math.ceil(n / meta["BLOCK_T"]),)
        fn[grid + (self.hkv,)](x, ring, codes, scale, zero, w.src, w.dst, w.sdst, n,
                               x.stride(0), x.stride(1), ring.stride(0), ring.stride(1),
                               codes.stride(0), codes.stride(1), *s_st, **meta)

    # ------------------------------------------------------------- reading

    def stored(self, layer: int, pages: list[int], row: int | None, length: int) -> KVStore:
        """A sequence's state, as the reference's :class:`KVStore` (batch of one): the
        quantized prefix's codes, scales and zeros, then the ring's tokens."""
        ps, fmt = self.page_size, self.fmt
        dev = self.codes["k"].device
        roles = []
        for role in ROLES:
            nq = fmt.quantized_tokens(length, role)
            pos = torch.arange(nq, device=dev)
            idx = torch.tensor(pages, dtype=torch.long, device=dev)[pos // ps] * ps + pos % ps \
                if nq else pos
            codes, scale, zero, ring = self.layer(layer, role)
            c = codes.flatten(0, 1)[idx].permute(1, 0, 2)[None]
            scope = fmt.scope(role)
            if scope is Scope.head:
                sc, zz = scale[None], None if zero is None else zero[None]
            elif scope is Scope.channel:
                g = fmt.group_size
                per_page = math.ceil(ps / g)
                gp = torch.arange(0, nq, g, device=dev)
                sidx = (torch.tensor(pages, dtype=torch.long, device=dev)[gp // ps] * per_page
                        + (gp % ps) // g) if nq else gp
                sc, zz = (t.flatten(0, 1)[sidx].permute(1, 0, 2)[None] for t in (scale, zero))
            else:
                sc, zz = (t.flatten(0, 1)[idx].permute(1, 0, 2)[None] for t in (scale, zero))
            rpos = torch.arange(nq, length, device=dev)
            rl = self.rlen[role]
            res = (ring[row][rpos % rl] if rl and length > nq
                   else torch.zeros(0, self.hkv, self.d, dtype=self.dtype, device=dev))
            roles.append(RoleStore(c if nq else None, sc if nq or fmt.is_fp8 else None,
                                   zz if nq else None, res.permute(1, 0, 2)[None]))
        return KVStore(fmt, *roles)
