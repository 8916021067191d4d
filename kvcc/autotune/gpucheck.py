"""The GPU check of prebuilt kernels: compile an artifact for this GPU the way ``kvcc
compile`` does, load it, and launch its cubins against the JIT kernel on the same
inputs. Used by the GPU-marked test and ``benchmarks/gpu_correctness.py``; returns
that script's result fields (``max``, ``mean``, ``ref_max``, ``ref_mean``, ``ok``)."""

from __future__ import annotations

import pathlib
import tempfile
import time
import warnings

# a split-KV GQA decode (two programs without splits: the rule always splits), so both
# the attention kernel and its merge kernel come from the artifact
SPEC = """
[[attention]]
name = "artifact-check"
heads = 8
kv_heads = 2
head_dim = 128
dtype = "bf16"
mask = "causal"
[attention.lengths]
batch = [1]
q_len = [1]
kv_len = [8192]
"""


def artifact_roundtrip(workdir: str | pathlib.Path | None = None) -> dict:
    import torch

    from kvcc.autotune import artifacts, specfile
    from kvcc.autotune.bundle import Target, compile_spec
    from kvcc.autotune.device import current_device
    from kvcc.autotune.prebuilt import _Bound
    from kvcc.autotune.problems import attention_ops, instance, problems
    from kvcc.autotune.tuner import bind_prebuilt
    from kvcc.codegen.triton.op import plan

    dev = current_device()
    if dev is None:
        raise RuntimeError("the artifact check needs a CUDA GPU")
    with tempfile.TemporaryDirectory(prefix="kvcc-art-") as tmp:
        out = pathlib.Path(workdir or tmp) / "artifacts"
        sf = specfile.parse(SPEC, "artifact-check.toml")
        t0 = time.perf_counter()
        m = compile_spec(sf, Target("cuda", dev.arch), out, progress=False, log=lambda s: None)
        compile_s = time.perf_counter() - t0
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            (loaded,) = artifacts.load_artifacts(out)
            p = problems(sf)[0]
            module, t = instance(p, "cuda", seed=0)
            pl = plan(attention_ops(module)[0], t, max_q_len=1, max_kv_len=p.shape.kv_len)
            pre = pl.launcher()
            bind_prebuilt(pre, pl.num_splits)
            used = isinstance(pre.kernel, _Bound) and (pre.merge is None
                                                       or isinstance(pre.merge, _Bound))
            torch.cuda.synchronize()
            t1 = time.perf_counter()
            o_pre = pre()[0]
            torch.cuda.synchronize()
            pre_first = time.perf_counter() - t1
            jit = pl.launcher()
            t2 = time.perf_counter()
            o_jit = jit()[0]
            torch.cuda.synchronize()
            jit_first = time.perf_counter() - t2
        noted = [str(w.message) for w in caught if issubclass(w.category, artifacts.ArtifactWarning)]
        artifacts.clear()
    err = (o_pre.float() - o_jit.float()).abs()
    ok = used and not noted and loaded.error is None and err.max().item() <= 1e-3
    return {"max": err.max().item(), "mean": err.mean().item(), "ref_max": 0.0, "ref_mean": 0.0,
            "ok": bool(ok), "prebuilt": bool(used), "kernels": len(m["kernels"]),
            "split": pl.num_splits, "warnings": noted, "compile_s": compile_s,
            "prebuilt_first_ms": pre_first * 1e3, "jit_first_ms": jit_first * 1e3}


__all__ = ["artifact_roundtrip"]
