"""The benchmarks of anchors.md, as declarations: P1, P2, P3, C1, D1, D4.

Each ``setup`` builds inputs once (random, never zeros), kvcc's call (the
generated kernel, launched from a prepared plan) and the anchors' calls on the
same inputs. To add a benchmark, append a :class:`Bench` to :data:`SUITE`.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from benchmarks.harness import Bench, Case, Env
from kvcc import masks as M
from kvcc.codegen.triton.op import plan
from kvcc.codegen.triton.spec import Tiles
from kvcc.frontend.attention_call import lower_attention_call
from kvcc.ir import AttentionOp, DType, Module, Packed, Paged, Value, tensor
from kvcc.ir.mask import Causal, Full
from kvcc.passes import DEFAULT_PIPELINE, Pipeline

D_PREFILL, H_PREFILL = 128, 16


def _attention_op(m: Module) -> AttentionOp:
    return next(op for op in m.walk() if isinstance(op, AttentionOp))


def kvcc_call(module: Module, inputs: dict[str, torch.Tensor], **plan_kw):
    """The generated kernel for ``module``'s attention, host work done once.
    ``plan_kw``: ``tiles`` or ``num_splits`` overrides (tuning variants)."""
    m = Pipeline.parse(DEFAULT_PIPELINE).run(module)
    launch = plan(_attention_op(m), inputs, **plan_kw).launcher()
    return lambda: launch()[0]


def kvcc_dense(q, k, v, mask=None, **plan_kw):
    call = lower_attention_call(q, k, v, mask=mask)
    return kvcc_call(call.module, call.inputs, **plan_kw)


def default_splits(q, k, v, mask=None) -> int:
    call = lower_attention_call(q, k, v, mask=mask)
    return plan(_attention_op(call.module), call.inputs).num_splits


# ------------------------------------------------------------------ anchors


def sdpa_anchors(env: Env, q, k, v, *, causal_br: bool = False, mask: torch.Tensor | None = None):
    """SDPA with each backend (GPU) or the math backend (CPU mode).

    Bottom-right causal with Sq != Skv has no flag in SDPA: it goes through
    ``causal_lower_right``, which only some kernels take natively, so that case is
    one anchor, ``sdpa-lower-right``, with torch choosing the kernel. An explicit
    ``mask`` is passed as a precomputed additive float mask (built outside the timing)."""
    from torch.nn.attention import SDPBackend, sdpa_kernel

    sq, skv = q.shape[2], k.shape[2]
    gqa = q.shape[1] != k.shape[1]
    if causal_br and sq != skv:
        from torch.nn.attention.bias import causal_lower_right

        bias = causal_lower_right(sq, skv)
        return {"sdpa-lower-right": lambda: F.scaled_dot_product_attention(
            q, k, v, attn_mask=bias, enable_gqa=gqa)}
    attn_mask = None
    if mask is not None:
        attn_mask = torch.zeros(mask.shape, dtype=q.dtype, device=q.device).masked_fill(
            ~mask, float("-inf"))
    is_causal = causal_br
    backends = ({"sdpa-math": SDPBackend.MATH} if env.tiny else
                {"sdpa-flash": SDPBackend.FLASH_ATTENTION, "sdpa-cudnn": SDPBackend.CUDNN_ATTENTION,
                 "sdpa-efficient": SDPBackend.EFFICIENT_ATTENTION})
    out = {}
    for name, be in backends.items():
        def call(be=be):
            with sdpa_kernel(be):
                return F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask,
                                                      is_causal=is_causal, enable_gqa=gqa)
        out[name + ("-mask" if mask is not None else "")] = call
    return out


def flex_anchor(env: Env, q, k, v, mask_mod, name: str = "flex"):
    """FlexAttention under torch.compile (GPU) or eager (CPU mode), block mask built once."""
    from torch.nn.attention.flex_attention import create_block_mask, flex_attention

    b, _, sq, _ = q.shape
    skv = k.shape[2]
    bm = None if mask_mod is None else create_block_mask(mask_mod, None, None, sq, skv,
                                                         device=str(env.device))
    fn = flex_attention if env.tiny else torch.compile(flex_attention, dynamic=False)
    gqa = q.shape[1] != k.shape[1]
    return {name: lambda: fn(q, k, v, block_mask=bm, enable_gqa=gqa)}


# ------------------------------------------------------------------ benchmarks


def p1(s: int, causal: bool) -> Bench:
    def setup(env: Env) -> Case:
        S = 64 if env.tiny else s
        B = 2 if env.tiny else 16384 // s
        H, D = (2, 32) if env.tiny else (H_PREFILL, D_PREFILL)
        q, k, v = (env.randn(B, H, S, D, seed=i) for i in range(3))
        mask = M.causal() if causal else None
        anchors = sdpa_anchors(env, q, k, v, causal_br=causal)
        anchors |= flex_anchor(env, q, k, v, (lambda b, h, i, j: i >= j) if causal else None)
        flops = 4 * B * H * S * S * D / (2 if causal else 1)
        variants = {}
        if s == 8192 or env.tiny:  # tile candidates for the tuner, measured in the same run
            for bm, bn, w in ((128, 64, 4), (128, 128, 8), (64, 64, 4)):
                variants[f"kvcc-{bm}x{bn}w{w}"] = kvcc_dense(q, k, v, mask,
                                                              tiles=Tiles(bm, bn, w, 2))
        return Case(kvcc_dense(q, k, v, mask), anchors, flops, "flop",
                    f"B={B} H={H} S={S} D={D} {'causal' if causal else 'full'}",
                    variants=variants)
    return Bench("P1", f"dense prefill S={s} {'causal' if causal else 'non-causal'}", setup)


P2_DOCS = [3000, 1500, 1200, 900, 700, 500, 292, 100]


def p2(varlen: bool) -> Bench:
    def setup(env: Env) -> Case:
        docs = [30, 15, 12, 7] if env.tiny else P2_DOCS
        H, D = (2, 32) if env.tiny else (H_PREFILL, D_PREFILL)
        T = sum(docs)
        q, k, v = (env.randn(1, H, T, D, seed=10 + i) for i in range(3))
        visible = sum(n * (n + 1) // 2 for n in docs)
        ids = torch.repeat_interleave(torch.arange(len(docs)), torch.tensor(docs)).to(env.device)
        compare_as = {}  # layout changes for the correctness check, outside the timing
        if varlen:
            dt = DType.from_torch(env.dtype)
            cu = torch.tensor([0, *torch.cumsum(torch.tensor(docs), 0).tolist()],
                              dtype=torch.int32, device=env.device)
            vals = {n: Value(n, tensor(s, d)) for n, s, d in [
                ("q", [T, H, D], dt), ("k", [T, H, D], dt), ("v", [T, H, D], dt),
                ("cu", [len(docs) + 1], DType.i32), ("o", [T, H, D], dt)]}
            op = AttentionOp(vals["q"], vals["k"], vals["v"], vals["o"], scale=1 / math.sqrt(D),
                             mask=Causal(), q_layout=Packed(), kv_layout=Packed(),
                             cu_seqlens_q=vals["cu"], cu_seqlens_k=vals["cu"])
            module = Module("p2", tuple(vals[n] for n in ("q", "k", "v", "cu")), (op,),
                            (vals["o"],))
            packed = {n: t[0].transpose(0, 1).contiguous() for n, t in zip("qkv", (q, k, v))}
            kv = kvcc_call(module, packed | {"cu": cu})
            compare_as["kvcc"] = lambda o: o.transpose(0, 1).unsqueeze(0)
        else:
            kv = kvcc_dense(q, k, v, M.document(docs) & M.causal())
        anchors = flex_anchor(env, q, k, v, lambda b, h, i, j: (ids[i] == ids[j]) & (i >= j),
                              "flex-document")
        # SDPA on the batch padded to the longest document (timed alone; its output
        # is scattered back to the packed row only for the check)
        L = max(docs)
        pad = torch.zeros(len(docs), 3, H, L, D, dtype=env.dtype, device=env.device)
        start = 0
        for i, n in enumerate(docs):
            for j, t in enumerate((q, k, v)):
                pad[i, j, :, :n] = t[0, :, start:start + n]
            start += n
        sd = sdpa_anchors(env, pad[:, 0].contiguous(), pad[:, 1].contiguous(),
                          pad[:, 2].contiguous(), causal_br=True)
        best = "sdpa-math" if env.tiny else "sdpa-flash"

        anchors[f"{best}-padded"] = sd[best]
        compare_as[f"{best}-padded"] = lambda o: torch.cat(
            [o[i, :, :n] for i, n in enumerate(docs)], dim=1).unsqueeze(0)
        return Case(kv, anchors, 4 * H * D * visible, "flop",
                    f"{len(docs)} docs in {T} tokens H={H} D={D}" + (" varlen" if varlen else ""),
                    compare_as=compare_as)
    return Bench("P2", "packed prefill, causal per document" + (" (varlen)" if varlen else ""),
                 setup)


def p3() -> Bench:
    def setup(env: Env) -> Case:
        S, w = (64, 16) if env.tiny else (8192, 1024)
        H, D = (2, 32) if env.tiny else (H_PREFILL, D_PREFILL)
        q, k, v = (env.randn(1, H, S, D, seed=20 + i) for i in range(3))
        visible = sum(min(i + 1, w) for i in range(S))
        anchors = flex_anchor(env, q, k, v, lambda b, h, i, j: (i >= j) & (i - j < w),
                              "flex-window")
        idx = torch.arange(S, device=env.device)
        dense = (idx[None, :] <= idx[:, None]) & (idx[None, :] > idx[:, None] - w)
        anchors |= {n: f for n, f in sdpa_anchors(env, q, k, v, mask=dense).items()
                    if n != "sdpa-flash-mask"}  # flash takes no explicit mask
        return Case(kvcc_dense(q, k, v, M.sliding_window(w)), anchors, 4 * H * D * visible,
                    "flop", f"S={S} window={w} H={H} D={D}")
    return Bench("P3", "sliding window prefill", setup)


def c1(chunk: int) -> Bench:
    def setup(env: Env) -> Case:
        B, cached, n = (2, 48, 16) if env.tiny else (4, 8192, chunk)
        H, D = (2, 32) if env.tiny else (H_PREFILL, D_PREFILL)
        q = env.randn(B, H, n, D, seed=30)
        k, v = (env.randn(B, H, cached + n, D, seed=31 + i) for i in range(2))
        pairs = n * cached + n * (n + 1) // 2
        anchors = sdpa_anchors(env, q, k, v, causal_br=True)
        anchors |= flex_anchor(env, q, k, v, lambda b, h, i, j: i + cached >= j)
        return Case(kvcc_dense(q, k, v, M.causal()), anchors, 4 * B * H * D * pairs, "flop",
                    f"B={B} chunk={n} after {cached} cached H={H} D={D}")
    return Bench("C1", f"chunked prefill, chunk {chunk}", setup)


D1_SHAPES = [(64, 4096), (8, 32768), (1, 131072)]
TINY_DECODE = {(64, 4096): (2, 96), (8, 32768): (1, 200), (1, 131072): (1, 333)}


def d1(b: int, length: int) -> Bench:
    def setup(env: Env) -> Case:
        B, L = TINY_DECODE[(b, length)] if env.tiny else (b, length)
        D = 32 if env.tiny else 128
        q = env.randn(B, 32, 1, D, seed=40)
        k, v = (env.randn(B, 8, L, D, seed=41 + i) for i in range(2))
        anchors = sdpa_anchors(env, q, k, v)
        anchors |= flex_anchor(env, q, k, v, None)
        splits = default_splits(q, k, v, M.causal())
        rows = 16  # the packed-GQA M tile for one query
        variants = {
            "kvcc-bn128": kvcc_dense(q, k, v, M.causal(), tiles=Tiles(rows, 128, 4, 2)),
            f"kvcc-splits{2 * splits}": kvcc_dense(q, k, v, M.causal(), num_splits=2 * splits),
        }
        return Case(kvcc_dense(q, k, v, M.causal()), anchors, 2 * B * 8 * L * D * q.element_size(),
                    "byte", f"B={B} L={L} GQA 32/8 D={D} ({splits} splits)", variants=variants)
    return Bench("D1", f"decode B={b} L={length}", setup)


def d4(b: int, length: int) -> Bench:
    def setup(env: Env) -> Case:
        B, L = TINY_DECODE[(b, length)] if env.tiny else (b, length)
        D, page = (32 if env.tiny else 128), 16
        q = env.randn(B, 32, 1, D, seed=50)
        k, v = (env.randn(B, 8, L, D, seed=51 + i) for i in range(2))
        n_pages = -(-L // page)
        perm = torch.randperm(B * n_pages, generator=torch.Generator().manual_seed(5))
        bt = perm.view(B, n_pages).to(torch.int32).to(env.device)
        pool_k = torch.zeros(B * n_pages, page, 8, D, dtype=env.dtype, device=env.device)
        pool_v = torch.zeros_like(pool_k)
        pad = n_pages * page - L
        for t, pool in ((k, pool_k), (v, pool_v)):
            src = F.pad(t, (0, 0, 0, pad)).view(B, 8, n_pages, page, D).permute(0, 2, 3, 1, 4)
            pool[bt.long().flatten()] = src.reshape(B * n_pages, page, 8, D)
        dt = DType.from_torch(env.dtype)
        vals = {n: Value(n, tensor(s, d)) for n, s, d in [
            ("q", [B, 32, 1, D], dt), ("k", [B * n_pages, page, 8, D], dt),
            ("v", [B * n_pages, page, 8, D], dt), ("bt", [B, n_pages], DType.i32),
            ("kl", [B], DType.i32), ("o", [B, 32, 1, D], dt)]}
        op = AttentionOp(vals["q"], vals["k"], vals["v"], vals["o"], scale=1 / math.sqrt(D),
                         mask=Full(), kv_layout=Paged(page), block_table=vals["bt"],
                         kv_lens=vals["kl"])
        module = Module("d4", tuple(vals[n] for n in ("q", "k", "v", "bt", "kl")), (op,),
                        (vals["o"],))
        kl = torch.full((B,), L, dtype=torch.int32, device=env.device)
        kv = kvcc_call(module, {"q": q, "k": pool_k, "v": pool_v, "bt": bt, "kl": kl})
        anchors = {f"{n}-contiguous": f for n, f in sdpa_anchors(env, q, k, v).items()}
        return Case(kv, anchors, 2 * B * 8 * L * D * q.element_size(), "byte",
                    f"B={B} L={L} page={page} shuffled GQA 32/8 D={D}",
                    skipped={"flex-paged": "FlexAttention's paged attention is not wired "
                                           "into this suite yet"})
    return Bench("D4", f"paged decode B={b} L={length}", setup)


# Decode first: it is the story the anchors single out, and a time budget cuts the tail.
SUITE: list[Bench] = (
    [d1(b, length) for b, length in D1_SHAPES]
    + [p1(s, c) for s in (2048, 8192) for c in (False, True)]
    + [d4(b, length) for b, length in D1_SHAPES]
    + [c1(512), c1(2048)]
    + [p2(False), p2(True), p3()]
)
