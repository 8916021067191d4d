"""Dense quantized K/V in the TVM CUDA kernels: the arguments the launcher binds.

The kernels' numbers are checked in emulation with the GPU check's cases
(``tests/test_tvm_cuda_emulated.py``, committed artifacts; ``tests/test_tvm_cuda_masks.py``
under compiled-in masks). Here: ``cuda_quant.store`` gives what
``kvcc.attention(kv_format=...)`` stores, ``cuda_quant.dense_tensors`` takes it as the
kernels do (an empty part as one row, sizes for the counts), and refuses a wrong tensor
before anything launches, naming it. No build, no TVM.
"""

from __future__ import annotations

import pytest
import torch

from kvcc import quant
from kvcc.codegen.tvm import cuda_kernels as ck
from kvcc.codegen.tvm import cuda_quant as cq
from kvcc.codegen.tvm.cuda_kernel_set import kernel_set


def _stored(fmt, b=2, hk=2, n=100, d=64, dtype=torch.float16, seed=0):
    g = torch.Generator().manual_seed(seed)
    k, v = (torch.randn(b, hk, n, d, generator=g).to(dtype) for _ in range(2))
    return cq.store(k, v, fmt)


def _given(t: dict) -> dict:
    names = {"k_scale": "ks", "k_zero": "kz", "v_scale": "vs", "v_zero": "vz",
             "k_residual": "kr", "v_residual": "vr"}
    return {names[n]: x for n, x in t.items() if n in names}


@pytest.mark.parametrize("fmt, nq, nr", [
    ("int8", (100, 100), (0, 0)),
    ("fp8_e4m3", (100, 100), (0, 0)),
    ("kivi2", (0, 0), (100, 100)),  # fewer tokens than a key block: all residual
    (quant.kivi(4, 16, 32), (96, 68), (4, 32)),
    ("quantspec", (100, 100), (0, 0)),
])
def test_stored_kv_binds_with_its_counts(fmt, nq, nr):
    d = 128 if fmt == "quantspec" else 64
    t = _stored(fmt, d=d)
    assert {"k", "v", "kv_format", "k_scale", "v_scale", "k_residual", "v_residual"} <= set(t)
    f, kv, sizes = cq.dense_tensors(t["kv_format"], d, torch.float16, 2, t["k"], t["v"],
                                    _given(t))
    assert sizes["L"] == 100 and (sizes["n_kq"], sizes["n_vq"]) == nq
    # buffers hold at least one row (an empty part is never read)
    assert (sizes["KQN"], sizes["VQN"]) == tuple(max(n, 1) for n in nq)
    assert (sizes["KRN"], sizes["VRN"]) == tuple(max(n, 1) for n in nr)
    assert set(kv) == {"k", "v", *cq.tensors(f, True)}
    assert all(x.is_contiguous() and x.numel() > 0 for x in kv.values())
    if nr[0]:
        assert torch.equal(kv["kr"], t["k_residual"])
    if f.is_fp8:
        assert kv["k"].dtype == torch.uint8 and "kz" not in kv


def _raises(match, t, fmt="int8", d=64, batch=2, **change):
    given = _given(t) | change
    with pytest.raises(ValueError, match=match):
        cq.dense_tensors(fmt, d, torch.float16, batch, t["k"], t["v"], given)


def test_wrong_tensors_are_refused_naming_them():
    t = _stored("int8")
    _raises(r"k codes must be \[B=3", t, batch=3)
    _raises("v codes must be", t | {"v": t["v"][:, :1]})
    _raises(r"ks must be torch.float16 shaped \(2, 2, 100, 1\)", t, ks=t["k_scale"][:, :, :99])
    _raises("kz must be torch.float16", t, kz=t["k_zero"].float())
    _raises("ks must be", t, ks=None)
    _raises("vr must be torch.float16", t, vr=torch.zeros(2, 2, 3, 64))  # not q's dtype
    _raises("k holds 103 tokens", t, kr=torch.zeros(2, 2, 3, 64, dtype=torch.float16))
    f8 = _stored("fp8_e4m3")
    _raises("fp8_e4m3 has no kz", f8, "fp8_e4m3", kz=torch.ones(2, 2))
    _raises(r"shaped \(2, 2, 6, 64\)", _stored(quant.kivi(2, 16, 0)), quant.kivi(2, 16, 0),
            ks=torch.ones(2, 2, 7, 64, dtype=torch.float16))  # 96 keys: 6 groups of 16
    with pytest.raises(ValueError, match="kv_format 'int3'"):
        cq.dense_tensors("int3", 64, torch.float16, 2, t["k"], t["v"], {})


def test_kernel_names_and_the_packed_refusal():
    assert ck.decode("float16", 128, 4, None, "int8").name == "kvcc_cuda_decode_fp16_d128_g4_int8"
    assert ck.prefill("bfloat16", 128, kv_format="quantspec", kv_precision="upper").name == \
        "kvcc_cuda_prefill_bf16_d128_quantspec_upper"
    k = ck.decode("float16", 64, 2, None, "kivi2")
    assert k.tensors == ("q", "k", "v", "ks", "kz", "vs", "vz", "kr", "vr", "sl", "wo", "wl")
    with pytest.raises(ValueError, match="not packed"):
        ck.prefill("float16", 64, varlen=True, kv_format="int8")
    with pytest.raises(ValueError, match="packed queries"):
        ck.prefill("float16", 64, page_size=16)
    names = {k.name for k in kernel_set()}
    for f in cq.PRESETS:  # the default set: every format dense, decode and prefill
        for dt in ("fp16", "bf16"):
            assert {f"kvcc_cuda_decode_{dt}_d128_g4_{f}", f"kvcc_cuda_prefill_{dt}_d128_{f}"} <= names
    # every head dim and dtype builds its text (tile divisions hold: no assertion)
    for d in range(32, 257, 16):
        for dt in ("float16", "bfloat16", "float32"):
            assert ck.prefill(dt, d, kv_format="int8").block[0] == 128
            assert ck.decode(dt, d, 4, None, "int8").kind == "decode"
