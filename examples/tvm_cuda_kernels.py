"""kvcc's prebuilt TVM CUDA kernels over a KIVI-2 KVCache: a chunked prefill, then a
decode; and a prefill of packed documents under a mask compiled into its own kernel.

The kernels in ``benchmarks/tvm_cuda`` were compiled ahead of time (``python -m
kvcc.codegen.tvm.cuda --out benchmarks/tvm_cuda``); on a GPU they load through the CUDA
driver with no TVM (``CudaKernels``). Without one, the same ``kernels.cu`` runs on the
CPU through its emulation (``EmulatedKernels``, g++). Either way the kernels read the
cache's 2-bit codes, per-channel key scales and full-precision rings directly, and
match the cache's own attention (the reference backend). The next step passes
``causal() & document(seq_ids=...)``, which runs on the default set's kernel with that
mask compiled in (``kvcc/codegen/tvm/cuda_masks.py``); the last decodes over int8 K/V
as ``kvcc.attention(kv_format=...)`` stores it, with H2O's eviction scores.

    python examples/tvm_cuda_kernels.py
"""

import pathlib

import torch

from kvcc import masks as M
from kvcc import quant
from kvcc.runtime import KVCache

ROOT = pathlib.Path(__file__).resolve().parents[1] / "benchmarks" / "tvm_cuda"
HQ, HKV, D, PAGE = 8, 2, 64, 16

if torch.cuda.is_available():
    from kvcc.codegen.tvm.cuda_launch import CudaKernels

    kernels, dev = CudaKernels.from_dir(ROOT), "cuda"
else:
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels, cxx_path

    if cxx_path() is None:
        print("no GPU and no g++ (with _Float16) for the CPU emulation: nothing to run")
        raise SystemExit(0)
    from kvcc.codegen.tvm.cuda_masks import suffix
    from kvcc.ir.syntax import parse_mask

    docs = suffix(parse_mask("causal & document(%ids0)"))
    names = {f"kvcc_cuda_{k}_fp16_d64{s}" for k, s in (
        ("paged_prefill", "_p16_kivi2"), ("paged_decode", "_g4_p16_kivi2"), ("merge", ""),
        ("prefill", docs))}
    names |= {"kvcc_cuda_decode_fp16_d128_g4_int8", "kvcc_cuda_merge_fp16_d128",
              "kvcc_cuda_scores_dense_fp16_d128_int8"}
    kernels, dev = EmulatedKernels(ROOT / "sm_90", only=names), "cpu"

g = torch.Generator().manual_seed(0)
fmt = quant.kivi(2)  # 2-bit codes, keys per channel in groups of 32, a 128-token ring
cache = KVCache(1, HKV, D, num_pages=64, page_size=PAGE, dtype=torch.float16, device=dev,
                backend="reference", kv_format=fmt)
seqs = [cache.add_sequence() for _ in range(2)]


def rand(*shape):
    return torch.randn(*shape, generator=g).to(dev, torch.float16)


def layer_tensors(step):
    """What the kernels read of layer 0: codes, scales, zeros, rings and ring rows."""
    (kc, ks, kz, kr), (vc, vs, vz, vr) = (cache.quant.layer(0, r) for r in ("k", "v"))
    return dict(k_scale=ks, k_zero=kz, v_scale=vs, v_zero=vz, k_ring=kr, v_ring=vr,
                ring_rows=step.rows.to(torch.int32)), kc, vc


# a prefill chunk: 300 and 170 tokens, of which the last 40 and 25 are queries
for new, q_lens in (([300, 170], [40, 25]), ([1, 1], [1, 1])):
    step = cache.plan(seqs, q_lens, new_tokens=new, num_q_heads=HQ, mask=M.causal(),
                      return_lse=True)
    step.append(0, rand(sum(new), HKV, D), rand(sum(new), HKV, D))
    q = rand(sum(q_lens), HQ, D)
    want, want_lse = step.attend(0, q)
    extra, kc, vc = layer_tensors(step)
    if q_lens == [1, 1]:
        o, lse = kernels.paged_decode(q, kc, vc, step.block_table, step.kv_lens,
                                      kv_format=fmt, **extra)
        what = "decode"
    else:
        o, lse = kernels.paged_prefill(q, kc, vc, step.block_table, step.kv_lens, step.cu_q,
                                       kv_format=fmt, **extra)
        what = "prefill chunk"
    err = (o.float() - want.float()).abs().max().item()
    lse_err = (lse - want_lse.float()).abs().max().item()
    print(f"{what}: {sum(q_lens)} queries over {step.kv_lens.tolist()} keys stored as {fmt.name}: "
          f"max |o - reference| {err:.1e}, max |lse - reference| {lse_err:.1e}")
    assert err < 1e-2 and lse_err < 1e-3, (err, lse_err)

# packed documents: two sequences of 200 tokens, each a few documents given by id
import kvcc  # noqa: E402

q, k, v = rand(2, HQ, 200, D), rand(2, HKV, 200, D), rand(2, HKV, 200, D)
ids = torch.randint(0, 4, (2, 200), generator=g).sort(-1).values.to(dev)
mask = M.causal() & M.document(seq_ids=ids)
o, lse = kernels.prefill(q, k, v, mask=mask)
want, want_lse = kvcc.attention(q.double().cpu(), k.double().cpu(), v.double().cpu(),
                                mask=M.causal() & M.document(seq_ids=ids.cpu()),
                                backend="reference", return_lse=True)
err = (o.double().cpu() - want).abs().max().item()
lse_err = (lse.double().cpu() - want_lse).abs().max().item()
print(f"documents by id, causal within each: max |o - reference| {err:.1e}, "
      f"max |lse - reference| {lse_err:.1e}")
assert err < 1e-2 and lse_err < 1e-3, (err, lse_err)

# int8 K/V as kvcc.attention(kv_format=...) stores it, one decode step, with each key's
# eviction score (H2O: its attention probability summed over the query heads)
from kvcc.codegen.tvm import cuda_quant  # noqa: E402

q, k, v = rand(2, 8, 1, 128), rand(2, 2, 500, 128), rand(2, 2, 500, 128)
o, lse, scores = kernels.decode(q, **cuda_quant.store(k, v, "int8"), return_scores=True)
want, want_lse, want_sc = kvcc.attention(q.cpu(), k.cpu(), v.cpu(), kv_format=quant.int8(),
                                         backend="reference", return_lse=True,
                                         return_scores=True)
err = (o.float().cpu() - want.float()).abs().max().item()
sc_err = (scores.cpu() - want_sc).abs().max().item()
print(f"int8 K/V decode with eviction scores: max |o - reference| {err:.1e}, "
      f"max |scores - reference| {sc_err:.1e} (each KV head's scores sum to "
      f"{scores.sum(-1)[0, 0].item():.3f}: 4 query heads)")
assert err < 1e-2 and sc_err < 1e-3, (err, sc_err)
print(f"ok ({type(kernels).__name__}, {dev})")
