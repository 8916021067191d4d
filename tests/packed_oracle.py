"""A hand-written oracle for packed and cached attention (tests of ``attention_varlen``
and ``KVCache``): a float64 softmax per sequence, with its own evaluator of the
structured mask algebra, so it shares no code with kvcc's reference backend."""

from __future__ import annotations

import math

import torch

from kvcc.ir.mask import And, Causal, Empty, Full, Mask, Not, Or, Sinks, SlidingWindow


def visible(mask: Mask | None, nq: int, nk: int) -> torch.Tensor:
    """``[nq, nk]`` bool: which key each query sees. Query ``i`` of ``nq`` sits at key
    position ``i + nk - nq`` (bottom-right) or ``i`` (top-left)."""
    i = torch.arange(nq).view(nq, 1)
    j = torch.arange(nk).view(1, nk)

    def pos(align) -> torch.Tensor:
        return i + (nk - nq) if align.value == "bottom_right" else i

    def ev(m) -> torch.Tensor:
        if m is None or isinstance(m, Full):
            return torch.ones(nq, nk, dtype=torch.bool)
        if isinstance(m, Empty):
            return torch.zeros(nq, nk, dtype=torch.bool)
        if isinstance(m, Causal):
            return (j <= pos(m.align)).expand(nq, nk)
        if isinstance(m, SlidingWindow):
            p = pos(m.align)
            return ((j <= p) & (j > p - m.size)).expand(nq, nk)
        if isinstance(m, Sinks):
            return (j < m.n).expand(nq, nk)
        if isinstance(m, And):
            return ev(m.a) & ev(m.b)
        if isinstance(m, Or):
            return ev(m.a) | ev(m.b)
        if isinstance(m, Not):
            return ~ev(m.a)
        raise TypeError(f"the oracle has no rule for {type(m).__name__}")

    return ev(mask)


def attend(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: Mask | None,
           scale: float | None = None, softcap: float | None = None
           ) -> tuple[torch.Tensor, torch.Tensor]:
    """One sequence: q ``[nq, Hq, D]``, k/v ``[nk, Hkv, D]`` -> (o ``[nq, Hq, D]``, lse
    ``[nq, Hq]``), float64. A query that sees no key gives o = 0 and lse = -inf."""
    q, k, v = q.double(), k.double(), v.double()
    nq, hq, d = q.shape
    nk, hkv, _ = k.shape
    scale = 1 / math.sqrt(d) if scale is None else scale
    g = hq // hkv
    k, v = k.repeat_interleave(g, dim=1), v.repeat_interleave(g, dim=1)
    s = torch.einsum("ihd,jhd->hij", q, k) * scale
    if softcap is not None:
        s = softcap * torch.tanh(s / softcap)
    s = s.masked_fill(~visible(mask, nq, nk), -math.inf)
    lse = torch.logsumexp(s, dim=-1) if nk else torch.full((hq, nq), -math.inf,
                                                            dtype=torch.float64)
    p = torch.where(torch.isneginf(lse)[..., None], 0.0, torch.exp(s - lse[..., None]))
    o = torch.einsum("hij,jhd->ihd", p, v)
    return o, lse.transpose(0, 1)


def attend_packed(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, lens_q: list[int],
                  lens_k: list[int], mask: Mask | None, **kw
                  ) -> tuple[torch.Tensor, torch.Tensor]:
    """Packed sequences (``attention_varlen``'s layout), one :func:`attend` each."""
    os, lses = [], []
    cq = cumsum(lens_q)
    ck = cumsum(lens_k)
    for b in range(len(lens_q)):
        o, lse = attend(q[cq[b]:cq[b + 1]], k[ck[b]:ck[b + 1]], v[ck[b]:ck[b + 1]], mask, **kw)
        os.append(o)
        lses.append(lse)
    return torch.cat(os), torch.cat(lses)


def cumsum(lens: list[int]) -> list[int]:
    out = [0]
    for n in lens:
        out.append(out[-1] + n)
    return out


def assert_close(got: torch.Tensor, want: torch.Tensor, atol: float, what: str = "o") -> None:
    """Equal within ``atol`` (float64 compare); -inf exactly where the oracle has it,
    and never NaN."""
    got = got.detach().cpu()
    assert got.shape == want.shape, f"{what}: shape {tuple(got.shape)} != {tuple(want.shape)}"
    assert not torch.isnan(got).any(), f"{what} has NaN"
    inf_g, inf_w = torch.isneginf(got), torch.isneginf(want)
    assert torch.equal(inf_g, inf_w), f"{what}: -inf at {inf_g.sum()} entries, want {inf_w.sum()}"
    g, w = (torch.where(inf_w, 0, x.double()) for x in (got, want))
    err = (g - w).abs().max().item() if g.numel() else 0.0
    assert err <= atol, f"{what}: max error {err:.3g} > {atol:.3g}"
