"""``make demo``: compile and run a small built-in model's attention with kvcc.

Steps: build the tiny decoder (random weights, GQA 8/2, two layers, causal and
sliding-window layers); record each layer's attention call; lower it to IR; run
the pipeline, printing the IR before and after with a line per pass; execute on
the best available backend; compare with the float64 reference and run the
whole model through kvcc against plain SDPA; generate greedily through a paged
KVCache (packed prefill, planned decode steps) and compare the tokens with the
plain model's, then through a KIVI 2-bit cache (bytes per token, tokens as the plain
model's: a measurement); print a report. Exits 1 when a result is off.
"""

from __future__ import annotations

import argparse
import sys
import time

import torch

from kvcc import backends, quant
from kvcc.api import attention
from kvcc.codegen import reference
from kvcc.frontend.attention_call import lower_attention_call
from kvcc.ir.mask import Mask
from kvcc.ir.printer import print_module
from kvcc.models.generate import generate, generate_reference
from kvcc.models.tiny import TinyConfig, TinyDecoder, sdpa_attention
from kvcc.passes.pipeline import DEFAULT_PIPELINE, PassRecord, Pipeline


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="kvcc demo", description=__doc__.splitlines()[0])
    ap.add_argument("--pipeline", default=DEFAULT_PIPELINE, help="pass pipeline "
                    f"(default: {DEFAULT_PIPELINE!r})")
    ap.add_argument("--batch", type=int, default=2)
    ap.add_argument("--seq", type=int, default=96)
    ap.add_argument("--backend", default="best", help="best (default: Triton kernels on a GPU; "
                    "on a CPU, TVM kernels for attention and the cache's paged attention, "
                    "else Triton's CPU interpreter), auto, reference, triton, tvm")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--new-tokens", type=int, default=8, help="tokens to generate per prompt "
                    "through the KV cache (default 8)")
    args = ap.parse_args(argv)

    pipeline = Pipeline.parse(args.pipeline)
    device = torch.device(args.device)
    backend_note, cache_backend = "", None
    if args.backend == "best":
        args.backend, cache_backend, backend_note = _best_backend(device)
    backend = backends.resolve(args.backend, device)
    if cache_backend is None:
        cache_backend = backend
    cfg = TinyConfig()
    model = TinyDecoder(cfg).to(device).eval()
    tokens = torch.randint(0, cfg.vocab, (args.batch, args.seq),
                           generator=torch.Generator().manual_seed(1)).to(device)
    print(f"kvcc demo: tiny decoder ({cfg.layers} layers, dim {cfg.dim}, heads {cfg.heads}/"
          f"{cfg.kv_heads} GQA, head dim {cfg.head_dim}), batch {args.batch} x {args.seq} tokens")
    print(f"device: {device}  backend: {backend}{backend_note}  pipeline: {pipeline}\n")

    calls: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor, Mask]] = []

    def record(q, k, v, mask):
        calls.append((q, k, v, mask))
        return sdpa_attention(q, k, v, mask)

    with torch.no_grad():
        model(tokens, record)

    rows, ok = [], True
    for layer, (q, k, v, mask) in enumerate(calls):
        call = lower_attention_call(q, k, v, mask=mask, return_lse=True, name=f"layer{layer}")
        print(f"== layer {layer}: IR before\n{print_module(call.module)}")
        trace: list[PassRecord] = []
        t0 = time.perf_counter()
        optimized = pipeline.run(call.module, trace=trace)
        t_compile = time.perf_counter() - t0
        for rec in trace:
            print(f"   pass {rec.spelling}: {rec.summary}")
        print(f"== layer {layer}: IR after\n{print_module(optimized)}")
        if backend == "triton":
            _show_kernels(optimized)
        elif backend == "tvm":
            _show_tvm_kernels(optimized, q.shape[2])
        t0 = time.perf_counter()
        o, lse = backends.execute(backend, optimized, call.inputs)
        t_run = time.perf_counter() - t0
        gold = reference.run(call.module, options=reference.ReferenceOptions(torch.float64, False),
                             **{n: t.double() if t.is_floating_point() else t
                                for n, t in call.inputs.items()})
        err_o = (o.double() - gold[0]).abs().max().item()
        finite = torch.isfinite(gold[1])
        err_l = (lse.double() - gold[1])[finite].abs().max().item()
        tol = 1e-4 if q.dtype == torch.float32 else 2e-2
        good = err_o <= tol and err_l <= tol
        ok &= good
        rows.append((f"layer {layer}", str(mask), err_o, err_l, t_compile, t_run, good))

    with torch.no_grad():
        logits_ref = model(tokens)
        logits = model(tokens, lambda q, k, v, m: attention(q, k, v, mask=m, backend=backend,
                                                            pipeline=str(pipeline)))
    err_logits = (logits - logits_ref).abs().max().item()
    scale = logits_ref.abs().max().item()
    good_logits = err_logits <= 1e-4 * max(1.0, scale)
    ok &= good_logits

    gen_ok, gen_line = _generation(model, cfg, cache_backend, device, args.new_tokens)
    ok &= gen_ok

    print("== report")
    print(f"{'site':<9} {'mask':<34} {'max|o-o64|':>11} {'max|lse-lse64|':>15} "
          f"{'passes':>8} {'run':>8}  ok")
    for site, m, eo, el, tc, tr, g in rows:
        print(f"{site:<9} {m:<34} {eo:11.2e} {el:15.2e} {tc * 1e3:6.1f}ms {tr * 1e3:6.1f}ms  "
              f"{'yes' if g else 'NO'}")
    print(f"whole model through kvcc vs SDPA: max |logits diff| = {err_logits:.2e} "
          f"(logits up to {scale:.1f}) {'ok' if good_logits else 'MISMATCH'}")
    print(gen_line)
    print(f"result: {'PASS' if ok else 'FAIL'} on {device} with backend {backend}")
    return 0 if ok else 1


def _generation(model, cfg, backend: str, device: torch.device, new_tokens: int
                ) -> tuple[bool, str]:
    """Greedy generation through a paged KV cache (prefill of every prompt in one
    step, then one planned step per token) against the plain model."""
    g = torch.Generator().manual_seed(2)
    prompts = [torch.randint(0, cfg.vocab, (n,), generator=g).tolist() for n in (40, 17, 29)]
    print(f"== generation: {len(prompts)} prompts of {[len(p) for p in prompts]} tokens, "
          f"{new_tokens} new tokens each, through a KVCache (page 16, backend {backend})")
    run = generate(model, prompts, new_tokens, backend=backend)
    ref = generate_reference(model, prompts, new_tokens)
    for i, (a, b) in enumerate(zip(run.tokens, ref)):
        print(f"   prompt {i}: kvcc {a}\n             torch {b}{'' if a == b else '  MISMATCH'}")
    good = run.tokens == ref
    line = (f"generation through the cache: {'same tokens as' if good else 'DIFFERENT from'} the "
            f"plain model, step for step (greedy); {run.bytes_per_token} bytes/token, "
            f"{run.bytes_used / 1024:.0f} KiB of pages, {run.tokens_per_second:.1f} tokens/s")
    # the same through a KIVI 2-bit cache (a 32-token window, so the prompts' older keys
    # and values are quantized as they are appended): a measurement, not a check
    fmt = quant.kivi(2, group=16, residual=32)
    q = generate(model, prompts, new_tokens, backend=backend, kv_format=fmt)
    same = sum(a == b for x, y in zip(q.tokens, ref) for a, b in zip(x, y))
    line += (f"\nthrough a {fmt.name} cache: {q.bytes_per_token:.0f} bytes/token of pages "
             f"({run.bytes_per_token / q.bytes_per_token:.1f}x fewer; and a 32-token "
             f"full-precision window per sequence), {same}/"
             f"{sum(len(t) for t in ref)} greedy tokens as the plain model's")
    return good, line


def _best_backend(device: torch.device) -> tuple[str, str, str]:
    """(attention backend, cache backend, note). Triton on a GPU. On a CPU: TVM kernels
    for attention and the cache's paged attention when apache-tvm is installed; else
    Triton's interpreter (set before triton is imported); else the reference."""
    import importlib.util
    import os

    has_triton = importlib.util.find_spec("triton") is not None
    if device.type == "cuda":
        reason = backends.triton_unavailable(device) if has_triton else "triton is not installed"
        return ("triton", "triton", "") if reason is None else \
            ("reference", "reference", f" ({reason})")
    tvm_reason = backends.REGISTRY["tvm"].available(device)
    if tvm_reason is None:
        return "tvm", "tvm", " (generated TensorIR kernels for this CPU, the cache's included)"
    cache = "reference"
    if has_triton:
        if "triton" not in sys.modules:
            os.environ.setdefault("TRITON_INTERPRET", "1")
        if os.environ.get("TRITON_INTERPRET") == "1":
            cache = "triton"
    if cache == "triton":
        return "triton", cache, f" (generated kernels in Triton's CPU interpreter, fp32; TVM: {tvm_reason})"
    return "reference", cache, f" ({tvm_reason})"


def _show_tvm_kernels(module, q_len: int) -> None:
    from kvcc.codegen.tvm.op import spec_for
    from kvcc.ir.ops import AttentionOp

    for op in module.walk():
        if isinstance(op, AttentionOp):
            spec = spec_for(op, q_len)
            print(f"   TVM kernel ({spec.kind}): mask {spec.mask}, gqa group {spec.group}, "
                  f"{spec.block_m}x{spec.block_n} tiles, {spec.vec}-lane SIMD, {spec.dtype}")


def _show_kernels(module) -> None:
    from kvcc.codegen.triton.build import write_source
    from kvcc.codegen.triton.spec import lower
    from kvcc.ir.ops import AttentionOp

    for op in module.walk():
        if isinstance(op, AttentionOp):
            spec = lower(op)
            print(f"   kernel {spec.key()}: {spec.q_layout}/{spec.kv_layout}, mask {spec.mask}, "
                  f"gqa group {spec.group}{' packed' if spec.pack_gqa else ''}, tiles "
                  f"{spec.block_m}x{spec.block_n}, source {write_source(spec)}")


if __name__ == "__main__":
    sys.exit(main())
