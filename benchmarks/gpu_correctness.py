"""bf16/fp16 correctness of the generated kernels on the anchor shapes (GPU only).

Each case compares kvcc with a float32 golden computed by the reference
backend, with a tolerance relative to the error of a low-precision reference
(FlashAttention's test convention: scores and probabilities rounded to the input
dtype, as a bf16 kernel does): ``max|kvcc - gold| <= 2 * max|lowp - gold| + 1e-5``
and the same for the mean.
Run: ``python -m benchmarks.gpu_correctness`` (also collected by pytest -m gpu).
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable

import torch

import kvcc
from benchmarks.suite import P2_DOCS, kvcc_call, paged_decode, varlen_causal
from kvcc import masks as M
from kvcc.autotune.gpucheck import artifact_roundtrip
from kvcc.ir.mask import Document, evaluate, walk


def _case(dtype, b, hq, hkv, sq, skv, d, mask, seed, layout: str = "dense",
          device: str = "cuda") -> dict:
    """``layout``: "dense", "bshd" (dense tensors stored [B, S, H, D]), or the same
    problem run as "paged" decode (page 16, shuffled block table), through a "cache"
    (KVCache append + attend in one planned step), or as "varlen" packed documents
    (``mask`` must then be the documents' causal mask)."""
    g = torch.Generator(device="cpu").manual_seed(seed)
    q, k, v = (torch.randn(*s, generator=g).to(device, dtype)
               for s in ((b, hq, sq, d), (b, hkv, skv, d), (b, hkv, skv, d)))
    if layout == "bshd":  # stored [B, S, H, D] as models keep them, seen as [B, H, S, D]
        q, k, v = (t.transpose(1, 2).contiguous().transpose(1, 2) for t in (q, k, v))
    if layout == "paged":
        o = kvcc_call(*paged_decode(q, k, v, 16, seed))()
    elif layout == "cache":
        o = _through_cache(q, k, v, mask)
    elif layout == "varlen":
        o = kvcc_call(*varlen_causal(q, k, v, _documents(mask)))().transpose(0, 1)[None]
    else:
        o = kvcc.attention(q, k, v, mask=mask, backend="triton")
    gold = kvcc.attention(q.float(), k.float(), v.float(), mask=mask, backend="reference")
    dense = None if mask is None else evaluate(mask, sq, skv, device=device)[0, 0]
    lowp = _lowp_reference(q, k, v, dense, 1 / math.sqrt(d))
    rows = dense.any(-1) if dense is not None else torch.ones(sq, dtype=torch.bool, device=device)
    err = (o.float() - gold).abs()[:, :, rows]
    ref = (lowp.float() - gold).abs()[:, :, rows]
    ok = (err.max() <= 2 * ref.max() + 1e-5) and (err.mean() <= 2 * ref.mean() + 1e-6)
    return {"max": err.max().item(), "mean": err.mean().item(), "ref_max": ref.max().item(),
            "ref_mean": ref.mean().item(), "ok": bool(ok)}


def _through_cache(q, k, v, mask, page: int = 16):
    """The problem through a KVCache: one planned step appends every sequence's keys and
    values (the fused append kernel) and attends with its last Sq tokens as queries."""
    b, hq, sq, d = q.shape
    hkv, skv = k.shape[1], k.shape[2]
    cache = kvcc.KVCache(1, hkv, d, num_pages=b * -(-skv // page), page_size=page,
                         dtype=q.dtype, device=q.device,
                         backend="triton" if q.is_cuda else "auto")
    seqs = [cache.add_sequence() for _ in range(b)]
    step = cache.plan(seqs, [sq] * b, new_tokens=[skv] * b, num_q_heads=hq, mask=mask)
    step.append(0, *(t.transpose(1, 2).reshape(b * skv, hkv, d).contiguous() for t in (k, v)))
    o = step.attend(0, q.transpose(1, 2).reshape(b * sq, hq, d).contiguous())
    return o.view(b, sq, hq, d).transpose(1, 2)


def graph_replay(device: str = "cuda") -> dict:
    """A decode step of the built-in model through the KV cache, captured in a CUDA graph
    and replayed: its logits against the plain model's on the same tokens."""
    from kvcc.models import TinyDecoder

    model = TinyDecoder().to(device).eval()
    cfg = model.cfg
    g = torch.Generator().manual_seed(5)
    prompts = [torch.randint(0, cfg.vocab, (n,), generator=g).tolist() for n in (37, 80, 5)]
    cache = kvcc.KVCache(cfg.layers, cfg.kv_heads, cfg.head_dim, num_pages=64, page_size=16,
                         dtype=torch.float32, device=device)
    seqs = [cache.add_sequence() for _ in prompts]
    masks = model.layer_masks()
    hist = [list(p) for p in prompts]
    with torch.no_grad():
        step = cache.plan(seqs, [len(p) for p in prompts], num_q_heads=cfg.heads, mask=masks)
        logits = model.forward_cached(torch.tensor(sum(prompts, []), device=device),
                                      torch.cat([torch.arange(len(p)) for p in prompts]).to(device),
                                      step)
        ends = torch.tensor([len(p) for p in prompts]).cumsum(0) - 1
        nxt = logits[ends.to(device)].argmax(-1)
        for i in range(3):  # eager decode steps (the last one is captured), kernels compiled
            for h, t in zip(hist, nxt.tolist()):
                h.append(t)
            pos = torch.tensor([len(h) - 1 for h in hist], device=device)
            step = cache.plan(seqs, [1] * len(seqs), num_q_heads=cfg.heads, mask=masks)
            if i < 2:
                nxt = model.forward_cached(nxt, pos, step).argmax(-1)
                continue
            tokens = nxt.clone()
            graph = torch.cuda.CUDAGraph()
            with torch.cuda.graph(graph):
                out = model.forward_cached(tokens, pos, step)
            graph.replay()
            torch.cuda.synchronize()
        want = torch.stack([model(torch.tensor([h], device=device))[0, -1] for h in hist])
    err = (out - want).abs().max().item()
    return {"max": err, "ok": err <= 1e-3 * max(1.0, want.abs().max().item())}


def _quant_case(dtype, fmt, b, hq, hkv, sq, skv, d, seed: int, device: str = "cuda") -> dict:
    """The dequantizing kernel against the reference on the same stored K/V: within
    twice the error of 16-bit attention over the dequantized K/V (the kernel rounds them
    to q's dtype for the dot)."""
    from kvcc.codegen import reference
    from kvcc.codegen.reference.kv_store import dequantized, store
    from kvcc.frontend.attention_call import lower_attention_call

    g = torch.Generator(device="cpu").manual_seed(seed)
    q, k, v = (torch.randn(*s, generator=g).to(device, dtype)
               for s in ((b, hq, sq, d), (b, hkv, skv, d), (b, hkv, skv, d)))
    call = lower_attention_call(q, k, v, mask=M.causal(), kv_format=fmt)
    interp = os.environ.get("TRITON_INTERPRET") == "1"  # the CPU check runs the kernels too
    o = kvcc.attention(q, k, v, mask=M.causal(), kv_format=fmt,
                       backend="triton" if q.is_cuda or interp else "auto")
    up = dict(call.inputs, q=q.float())
    gold = reference.run(call.module, options=reference.ReferenceOptions(cast_outputs=False),
                         **up)[0].float()
    kd, vd = dequantized(store(k, v, fmt))
    dense = evaluate(M.causal(), sq, skv, device=device)[0, 0]
    lowp = _lowp_reference(q, kd.to(dtype), vd.to(dtype), dense, 1 / math.sqrt(d))
    err, ref = (o.float() - gold).abs(), (lowp.float() - gold).abs()
    ok = (err.max() <= 2 * ref.max() + 1e-5) and (err.mean() <= 2 * ref.mean() + 1e-6)
    return {"max": err.max().item(), "mean": err.mean().item(), "ref_max": ref.max().item(),
            "ref_mean": ref.mean().item(), "ok": bool(ok)}


def _quant_cache_case(dtype, fmt, b, hq, hkv, chunks, d, seed: int,
                      device: str = "cuda") -> dict:
    """A quantized KVCache on the GPU: ``chunks`` appends (quantize-on-append kernels),
    then the last chunk's queries attend (the paged dequantizing kernel). The state
    against the prefill rule over the whole history (codes equal but for rare rounding
    ties: the GPU's float32 division is not correctly rounded; scales within float16
    rounding), and the attention against the reference over the cache's dequantized
    K/V, within twice the error of 16-bit attention over them."""
    from kvcc.codegen.reference.kv_store import store

    g = torch.Generator(device="cpu").manual_seed(seed)
    interp = os.environ.get("TRITON_INTERPRET") == "1"  # the CPU check runs the kernels too
    cache = kvcc.KVCache(1, hkv, d, num_pages=b * -(-sum(chunks) // 16), page_size=16,
                         dtype=dtype, device=device, kv_format=fmt, max_seqs=b,
                         backend="triton" if device != "cpu" or interp else "auto")
    seqs = [cache.add_sequence() for _ in range(b)]
    hist_k, hist_v = [], []
    for n in chunks:
        step = cache.plan(seqs, [n] * b, num_q_heads=hq, mask=M.causal())
        k, v = (torch.randn(b * n, hkv, d, generator=g).to(device, dtype) for _ in range(2))
        step.append(0, k, v)
        hist_k.append(k.view(b, n, hkv, d))
        hist_v.append(v.view(b, n, hkv, d))
    q = torch.randn(b * chunks[-1], hq, d, generator=g).to(device, dtype)
    o = step.attend(0, q).view(b, chunks[-1], hq, d).transpose(1, 2).float()
    k_all, v_all = (torch.cat(h, 1).transpose(1, 2) for h in (hist_k, hist_v))
    kw = {f"{r}_scale": cache.quant.scale[r][0][None].expand(b, hkv) for r in "kv"} \
        if fmt.is_fp8 else {}
    want = store(k_all, v_all, fmt, **kw)
    same = total = 0
    scale_err = 0.0
    for i, s in enumerate(seqs):
        sq = cache._seqs[s]
        got = cache.quant.stored(0, sq.pages, sq.row, k_all.shape[2])
        for role in "kv":
            a, c = getattr(want, role), getattr(got, role)
            if a.codes is None:
                continue
            x, y = a.codes[i:i + 1], c.codes
            if fmt.is_fp8:
                x, y = x.view(torch.uint8), y.view(torch.uint8)
            else:
                sa, sc = a.scale[i:i + 1].float(), c.scale.float()
                scale_err = max(scale_err, ((sa - sc).abs() / sa.abs().clamp(min=1e-6)).max().item())
            same += (x == y).sum().item()
            total += x.numel()
    kd = torch.stack([cache.read(s)[0] for s in seqs]).transpose(1, 2)
    vd = torch.stack([cache.read(s)[1] for s in seqs]).transpose(1, 2)
    qd = q.view(b, chunks[-1], hq, d).transpose(1, 2)
    sq_, skv = chunks[-1], k_all.shape[2]
    dense = evaluate(M.causal(), sq_, skv, device=device)[0, 0]
    gold = _lowp_reference(qd.float(), kd.float(), vd.float(), dense, 1 / math.sqrt(d)).float()
    lowp = _lowp_reference(qd, kd, vd, dense, 1 / math.sqrt(d)).float()
    err, ref = (o - gold).abs(), (lowp - gold).abs()
    codes_ok = same >= 0.999 * total and scale_err <= 1e-3
    ok = codes_ok and err.max() <= 2 * ref.max() + 1e-5 and err.mean() <= 2 * ref.mean() + 1e-6
    return {"max": err.max().item(), "mean": err.mean().item(), "ref_max": ref.max().item(),
            "ref_mean": ref.mean().item(), "codes_equal": same / max(total, 1), "ok": bool(ok)}


def _scores_case(dtype, b, hq, hkv, sq, skv, d, window, seed: int, split: bool | None = None,
                 device: str = "cuda") -> dict:
    """Eviction scores from the kernel (column sums of the probabilities over the last
    ``window`` rows) against the float32 reference on the same 16-bit inputs: the
    scores are sums of probabilities in [0, rows x group], compared to within 1e-3 of
    the largest (the kernel's scores come from 16-bit dots accumulated in float32)."""
    g = torch.Generator(device="cpu").manual_seed(seed)
    q, k, v = (torch.randn(*s, generator=g).to(device, dtype)
               for s in ((b, hq, sq, d), (b, hkv, skv, d), (b, hkv, skv, d)))
    interp = os.environ.get("TRITON_INTERPRET") == "1"
    _, sc = kvcc.attention(q, k, v, mask=M.causal(), return_scores=True, score_window=window,
                           backend="triton" if q.is_cuda or interp else "auto")
    _, gold = kvcc.attention(q.float(), k.float(), v.float(), mask=M.causal(),
                             return_scores=True, score_window=window, backend="reference")
    err = (sc.float() - gold).abs()
    tol = 1e-3 * gold.abs().max().item() + 1e-6
    return {"max": err.max().item(), "mean": err.mean().item(), "ref_max": tol,
            "ref_mean": tol, "ok": bool(err.max() <= tol)}


def _documents(mask) -> list[int]:
    doc = next(m for m in walk(mask) if isinstance(m, Document))
    return list(doc.lengths)


def _lowp_reference(q, k, v, dense, scale):
    """Attention in the inputs' precision: q k^T rounded to it, softmax in fp32, the
    probabilities rounded back before P V."""
    g = q.shape[1] // k.shape[1]
    k, v = k.repeat_interleave(g, 1), v.repeat_interleave(g, 1)
    s = torch.matmul(q, k.transpose(-1, -2)).float() * scale
    if dense is not None:
        s = s.masked_fill(~dense, float("-inf"))
    p = torch.softmax(s, -1).nan_to_num(0.0)
    return torch.matmul(p.to(q.dtype), v)


CASES: list[tuple[str, Callable[[], dict]]] = []
for dt in (torch.bfloat16, torch.float16):
    n = str(dt).replace("torch.", "")
    CASES += [
        (f"P1 S=2048 causal {n}", lambda dt=dt: _case(dt, 2, 16, 16, 2048, 2048, 128, M.causal(), 1)),
        (f"P1 S=2048 full {n}", lambda dt=dt: _case(dt, 2, 16, 16, 2048, 2048, 128, None, 2)),
        (f"P3 window {n}", lambda dt=dt: _case(dt, 1, 16, 16, 4096, 4096, 128,
                                              M.sliding_window(1024), 3)),
        (f"P2 documents {n}", lambda dt=dt: _case(dt, 1, 16, 16, 8192, 8192, 128,
                                                 M.document(P2_DOCS) & M.causal(), 4)),
        (f"P2 varlen {n}", lambda dt=dt: _case(dt, 1, 16, 16, 8192, 8192, 128,
                                              M.document(P2_DOCS) & M.causal(), 10, "varlen")),
        (f"C1 chunk 512 after 8192 {n}", lambda dt=dt: _case(dt, 2, 16, 16, 512, 8704, 128,
                                                            M.causal(), 5)),
        (f"D1 B=8 L=32768 {n}", lambda dt=dt: _case(dt, 8, 32, 8, 1, 32768, 128, M.causal(), 6)),
        (f"D1 B=1 L=131072 {n}", lambda dt=dt: _case(dt, 1, 32, 8, 1, 131072, 128, None, 7)),
        (f"D4 paged B=8 L=32768 {n}", lambda dt=dt: _case(dt, 8, 32, 8, 1, 32768, 128, None, 11,
                                                         "paged")),
        (f"D4 paged B=64 L=4096 {n}", lambda dt=dt: _case(dt, 64, 32, 8, 1, 4096, 128, None,
                                                         12, "paged")),
        (f"streaming head sinks|window {n}", lambda dt=dt: _case(
            dt, 1, 16, 4, 2048, 2048, 128, M.sinks(64) | M.sliding_window(256), 8)),
        (f"head dim 80 {n}", lambda dt=dt: _case(dt, 2, 8, 8, 577, 577, 80, M.causal(), 9)),
        (f"[B, S, H, D] storage, ragged S {n}", lambda dt=dt: _case(
            dt, 2, 16, 4, 1000, 1333, 128, None, 13, "bshd")),
        (f"KVCache append+attend D1 B=8 L=32768 {n}", lambda dt=dt: _case(
            dt, 8, 32, 8, 1, 32768, 128, M.causal(), 14, "cache")),
        (f"KVCache append+attend D4 B=64 L=4096 {n}", lambda dt=dt: _case(
            dt, 64, 32, 8, 1, 4096, 128, M.causal(), 15, "cache")),
        (f"KVCache prefill chunk 512 after 1536 {n}", lambda dt=dt: _case(
            dt, 2, 16, 4, 512, 2048, 128, M.causal(), 16, "cache")),
    ]
for _fmt in ("fp8", "int8", "int4", "kivi2", "quantspec"):
    CASES.append((f"quantized KV {_fmt} decode B=8 L=32768 bf16", lambda f=_fmt: _quant_case(
        torch.bfloat16, _formats()[f], 8, 32, 8, 1, 32768, 128, 17)))
    CASES.append((f"quantized KV {_fmt} prefill 512 after 1536 bf16", lambda f=_fmt: _quant_case(
        torch.bfloat16, _formats()[f], 1, 16, 4, 512, 2048, 128, 18)))


for _fmt in ("fp8", "int4", "kivi2", "quantspec"):
    CASES.append((f"quantized KVCache {_fmt} append+decode B=4 L=8192 bf16",
                  lambda f=_fmt: _quant_cache_case(torch.bfloat16, _formats()[f], 4, 32, 8,
                                                   [8191, 1], 128, 19)))
CASES.append(("quantized KVCache kivi2 chunk 512 after 1536 bf16",
              lambda: _quant_cache_case(torch.bfloat16, _formats()["kivi2"], 2, 16, 4,
                                        [1536, 512], 128, 20)))


CASES += [
    ("eviction scores SnapKV W=32, prefill 2048 bf16", lambda: _scores_case(
        torch.bfloat16, 1, 16, 4, 2048, 2048, 128, 32, 21)),
    ("eviction scores H2O decode B=8 L=32768 bf16 (split)", lambda: _scores_case(
        torch.bfloat16, 8, 32, 8, 1, 32768, 128, 0, 22)),
]
# kvcc compile's artifact for this GPU, loaded and launched from its cubins (Triton's
# CompiledKernel route) against the JIT kernel: split-KV decode, main and merge kernels
CASES.append(("prebuilt artifact (kvcc compile) vs JIT, decode bf16", artifact_roundtrip))


def _formats() -> dict:
    from kvcc import quant

    return {"fp8": quant.fp8(), "int8": quant.int8(), "int4": quant.int4(),
            "kivi2": quant.kivi(2), "quantspec": quant.quantspec()}


def main() -> int:
    if not torch.cuda.is_available():
        print("gpu_correctness: no GPU", file=sys.stderr)
        return 2
    print(f"correctness on {torch.cuda.get_device_name()}:")
    bad = 0
    for name, fn in CASES:
        try:
            r = fn()
        except Exception as e:  # noqa: BLE001 - report every case
            print(f"  FAIL {name}: {type(e).__name__}: {e}")
            bad += 1
            continue
        bad += not r["ok"]
        print(f"  {'ok  ' if r['ok'] else 'FAIL'} {name}: max {r['max']:.2e} (ref {r['ref_max']:.2e}),"
              f" mean {r['mean']:.2e} (ref {r['ref_mean']:.2e})")
    try:
        r = graph_replay()
        print(f"  {'ok  ' if r['ok'] else 'FAIL'} CUDA graph replay of a cached decode step (tiny "
              f"model, fp32): max |logits - plain model| {r['max']:.2e}")
        bad += not r["ok"]
    except Exception as e:  # noqa: BLE001 - report it with the rest
        print(f"  FAIL CUDA graph replay of a cached decode step: {type(e).__name__}: {e}")
        bad += 1
    from benchmarks.frontend_check import aoti_package, compiled_model

    for label, fn in (("AOTInductor package of the tiny model with kvcc ops", aoti_package),
                      ("torch.compile(tiny model, backend='kvcc') with Inductor", compiled_model)):
        try:
            r = fn()
            print(f"  {'ok  ' if r['ok'] else 'FAIL'} {label} (fp32): max |logits - plain "
                  f"model| {r['max']:.2e} ({r})")
            bad += not r["ok"]
        except Exception as e:  # noqa: BLE001 - report it with the rest
            print(f"  FAIL {label}: {type(e).__name__}: {e}")
            bad += 1
    print(f"{len(CASES) + 3 - bad} passed, {bad} failed")
    if bad >= len(CASES):
        return 3  # nothing works: gpu_check.sh then skips the benchmarks to save GPU time
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
