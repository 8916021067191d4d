"""Triton build: AOT compilation of every emitter path for sm_80 and sm_90 (no GPU
needed), snapshot tests of emitted source, the on-disk cache, the custom op under
torch.compile and torch.export."""

from __future__ import annotations

import os
import pathlib
import stat

import pytest
import torch

from kvcc.codegen.triton import build
from kvcc.codegen.triton.build import MAX_SHARED, compile_aot_many
from kvcc.codegen.triton.emit import emit, kernel_name
from kvcc.codegen.triton.spec import KernelSpec
from tests.triton_helpers import needs_triton, rand
from tests.triton_variants import variants

SNAPSHOTS = pathlib.Path(__file__).parent / "snapshots"
VARIANTS = variants()


def _aot_jobs():
    jobs = []
    for spec in VARIANTS.values():
        for arch in ((90,) if spec.tma else (80, 90)):
            jobs.append((spec, arch, None))
            if spec.split:
                jobs.append((spec, arch, kernel_name(spec) + "_merge"))
    return jobs


def test_aot_every_variant_for_sm80_and_sm90():
    _check_aot(_aot_jobs(), compile_aot_many(_aot_jobs()))


TRITON36 = os.environ.get("KVCC_TRITON36_PYTHON")


@pytest.mark.skipif(not TRITON36, reason="KVCC_TRITON36_PYTHON (a Python with triton 3.6, "
                    "as on the GPU machines) is not set; make test sets it")
def test_aot_every_variant_with_triton_3_6():
    """The GPU machines run triton 3.6: every emitter path must compile there too (its
    ptxas has crashed on code that 3.9 compiles)."""
    import subprocess

    r = subprocess.run([TRITON36, "-c", "import triton; print(triton.__version__)"],
                       capture_output=True, text=True, check=True)
    assert r.stdout.strip().startswith("3.6")
    jobs = _aot_jobs()
    _check_aot(jobs, compile_aot_many(jobs, python=TRITON36))


def _check_aot(jobs, kernels):
    assert len(kernels) == len(jobs)
    for (_spec, arch, fn), k in zip(jobs, kernels):
        assert k.arch == arch and k.cubin[:4] == b"\x7fELF", k.name
        assert f".target sm_{arch}" in k.ptx, k.name
        assert k.shared <= MAX_SHARED[arch], f"{k.name} on sm_{arch}: {k.shared} bytes of smem"
        assert fn is not None or k.shared > 0, "the attention kernels stage tiles in smem"
        if k.registers is not None:
            assert k.registers <= 255
        if k.stack is not None:
            assert k.stack <= 128, f"{k.name} on sm_{arch} spills {k.stack} bytes per thread"


def test_spec_text_round_trips_and_keys_differ():
    keys = set()
    for spec in VARIANTS.values():
        assert KernelSpec.from_text(spec.text()) == spec
        keys.add(spec.key())
    assert len(keys) == len(VARIANTS)


SNAP = ["prefill_causal_bf16_d128", "decode_split_bf16", "sinks_or_window_bf16",
        "paged16_decode_split", "document_static_bf16"]


@pytest.mark.parametrize("name", SNAP)
def test_emitted_source_snapshot(name, update_goldens):
    src = emit(VARIANTS[name])
    compile(src, name, "exec")  # valid Python
    path = SNAPSHOTS / f"{name}.py.txt"
    if update_goldens:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(src)
    assert path.exists(), f"missing snapshot {path.name}; run pytest --update-goldens"
    assert src == path.read_text(), f"emitted source for {name} changed; review and run " \
                                    "pytest --update-goldens"


def test_emitted_source_properties():
    src = emit(VARIANTS["prefill_causal_bf16_d128"])
    assert src.count("for j in range(") == 3  # masked edge, unmasked middle, masked edge
    assert "tl.where(vis" in src and ".to(tl.int64)" in src
    generic = emit(VARIANTS["sinks_or_window_bf16"])
    assert "load_ok = kv_ok & (tl.max(vis.to(tl.int32), 0) > 0)" in generic  # empty: no loads
    assert "load_ok" not in src  # band masks need no per-tile test
    assert "_merge(" in emit(VARIANTS["decode_split_bf16"])
    assert "page = tl.load(BT" in emit(VARIANTS["paged16_decode_split"])


def test_cache_is_private_atomic_and_self_checking(tmp_path, monkeypatch):
    monkeypatch.setenv("KVCC_CACHE_DIR", str(tmp_path / "c"))
    spec = VARIANTS["fp32"]
    path = build.write_source(spec)
    assert path.parent == tmp_path / "c" / "triton"
    for p in (tmp_path / "c", path.parent):
        assert stat.S_IMODE(p.stat().st_mode) == 0o700
    good = path.read_text()
    assert good == emit(spec)
    path.write_text(good.replace("tl.dot", "tl.dotx"))  # corrupted or tampered
    again = build.write_source(spec)
    assert again == path and again.read_text() == good  # rebuilt, never loaded as is
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]
    os.chmod(tmp_path / "c", 0o755)
    build.cache_dir()
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700


@needs_triton
def test_custom_op_composes_with_compile_and_export():
    from kvcc import masks as M
    from kvcc.codegen.triton.spec import lower
    from kvcc.frontend.attention_call import lower_attention_call

    q, k, v = rand(1, 4, 16, 32, seed=1), rand(1, 2, 16, 32, seed=2), rand(1, 2, 16, 32, seed=3)
    op = lower_attention_call(q, k, v, mask=M.causal(), return_lse=True).module.ops[0]
    text = lower(op).text()

    def f(q, k, v):
        o, lse = torch.ops.kvcc.attention(q, k, v, None, None, None, None, [], text, 0.25, None,
                                          None, [1, 16, 16, 16, 16], [0, 0, 0, 0], 1)
        return o * 2, lse

    eager = f(q, k, v)
    compiled = torch.compile(f, backend="aot_eager", fullgraph=True)(q, k, v)
    assert torch.allclose(eager[0], compiled[0]) and torch.allclose(eager[1], compiled[1])

    class Mod(torch.nn.Module):
        def forward(self, q, k, v):
            return f(q, k, v)

    ep = torch.export.export(Mod(), (q, k, v))
    assert "kvcc.attention" in str(ep.graph)
    out = ep.module()(q, k, v)
    assert torch.allclose(out[0], eager[0])


def test_generic_masks_keep_pointer_loads_with_tma_asked():
    """Generic masks predicate the loads of empty tiles, which TMA loads cannot do."""
    from kvcc import masks as M
    from kvcc.codegen.triton.spec import lower
    from tests.triton_variants import _dense

    assert not lower(_dense(torch.float16, 8, 8, 64, 64, 64, M.sinks(4) | M.sliding_window(8)),
                     tma=True).tma
    assert lower(_dense(torch.float16, 8, 8, 64, 64, 64, M.sliding_window(8)), tma=True).tma
