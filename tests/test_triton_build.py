"""Triton build: AOT compilation of every emitter path for sm_80 and sm_90 (no GPU
needed), snapshot tests of emitted source, the on-disk cache, the custom op under
torch.compile and torch.export."""

from __future__ import annotations

import os
import pathlib
import stat

import pytest
import torch

from benchmarks import static_profile
from kvcc import masks as M
from kvcc.codegen.triton import build
from kvcc.codegen.triton.append import AppendSpec
from kvcc.codegen.triton.build import MAX_SHARED, spec_from_text
from kvcc.codegen.triton.emit import emit
from kvcc.codegen.triton.quant_append import QuantAppendSpec
from kvcc.codegen.triton.spec import KernelSpec
from tests.triton_helpers import needs_triton, rand
from tests.triton_variants import P1_REFERENCE, p1_name, variants

SNAPSHOTS = pathlib.Path(__file__).parent / "snapshots"
VARIANTS = variants()


TRITON36 = os.environ.get("KVCC_TRITON36_PYTHON")
needs_triton36 = pytest.mark.skipif(not TRITON36, reason="KVCC_TRITON36_PYTHON (a Python with "
                                    "triton 3.6, as on the GPU machines) is not set; make test "
                                    "sets it")


@pytest.fixture(scope="module")
def aot_main():
    """Every variant compiled with this Python's Triton: (version, [(name, kernel)])."""
    return static_profile.triton_version(), static_profile.compile_all(VARIANTS)


@pytest.fixture(scope="module")
def aot_36():
    """The same with triton 3.6, what the GPU machines run (its ptxas has crashed on code
    that 3.9 compiles)."""
    version = static_profile.triton_version(TRITON36)
    assert version.startswith("3.6"), version
    return version, static_profile.compile_all(VARIANTS, python=TRITON36)


def test_aot_every_variant_for_sm80_and_sm90(aot_main):
    _check_aot(*aot_main)


@needs_triton36
def test_aot_every_variant_with_triton_3_6(aot_36):
    _check_aot(*aot_36)


def _check_aot(version, compiled):
    jobs = static_profile.jobs(VARIANTS)
    assert len(compiled) == len(jobs)
    names = set()
    for (name, _spec, arch, fn), (_, k) in zip(jobs, compiled):
        names.add(name)
        append = isinstance(_spec, (AppendSpec, QuantAppendSpec))
        assert k.arch == arch and k.cubin[:4] == b"\x7fELF", k.name
        assert f".target sm_{arch}" in k.ptx, k.name
        assert k.shared <= MAX_SHARED[arch], f"{name} on sm_{arch}: {k.shared} bytes of smem"
        assert fn is not None or append or k.shared > 0, \
            "the attention kernels stage tiles in smem"
        prof = k.profile
        assert prof is not None, "cuobjdump (shipped with Triton) is needed for the profile"
        assert prof.registers <= 255 and prof.programs_per_sm >= 1, (name, arch)
        limit = 0 if append else 128  # a copy kernel has nothing to spill
        assert prof.spill <= limit, f"{name} on sm_{arch} spills {prof.spill} bytes per thread"
        # tensor cores for 16-bit dots (HGMMA on sm_90 where the M tile fills a warpgroup's
        # 64 rows); fp32 dots are exact, on CUDA cores; the merge and append kernels have
        # no dots (unless it runs the eviction-score pass)
        merge = fn is not None and not (isinstance(_spec, KernelSpec) and _spec.scores)
        want = ({"-"} if merge or append or _spec.dtype == "f32" else {"HMMA"} if arch == 80
                else {"HGMMA", "HMMA"} if _spec.block_m < 64 else {"HGMMA"})
        assert prof.tensor_core in want, (name, arch, prof.tensor_core, want)
        if append:  # a gather-scatter: global loads, no asynchronous copies or TMA
            assert prof.ldg_128 + prof.ldg_narrow > 0 and prof.tma_loads == 0, (name, arch)
        elif fn is None and _spec.tma:
            assert prof.tma_loads > 0, f"{name}: TMA spec without UTMALDG"
    assert {"append_bf16_d128", "append_fp16_d64", "append_f32_d80"} <= names


def _snapshot(version, compiled, update):
    text = static_profile.table(version, compiled)
    if update:
        static_profile.STATIC.mkdir(parents=True, exist_ok=True)
        static_profile.path_for(version).write_text(text)
    diff = static_profile.compare(version, text)
    if diff and diff.startswith("no static profile"):
        pytest.skip(diff + ": python -m benchmarks.static_profile writes it")
    assert diff is None, ("the static profile of the emitted kernels changed; review, then "
                          "run python -m benchmarks.static_profile (or pytest --update-goldens)"
                          "\n" + diff)


def test_static_profile_matches_the_committed_table(aot_main, update_goldens):
    _snapshot(*aot_main, update_goldens)


@needs_triton36
def test_static_profile_matches_the_committed_table_triton_3_6(aot_36, update_goldens):
    _snapshot(*aot_36, update_goldens)


@needs_triton36
@pytest.mark.parametrize("dtype", ["fp16", "bf16"])
def test_dense_prefill_reaches_the_static_profile_of_the_510_tflops_kernel(aot_36, dtype):
    """Dense prefill, D=128, 128x64 tiles, 2 stages, TMA, sm_90, triton 3.6: spills no
    larger than the reference kernel's, the same HGMMA count, and SASS within 1.25x of
    its instruction count (kvcc also writes lse and handles run-time lengths)."""
    got = {n: k.profile for n, k in aot_36[1] if k.arch == 90}
    for (causal, warps), (spill, hgmma, insns) in P1_REFERENCE.items():
        p = got[p1_name(dtype, causal, warps)]
        tag = f"{'causal' if causal else 'non-causal'} {warps} warps {dtype}"
        assert p.spill <= spill, f"{tag}: spills {p.spill} B > {spill} B"
        assert p.tensor_core == "HGMMA" and p.tensor_core_count == hgmma, \
            f"{tag}: {p.tensor_core_count} {p.tensor_core}, reference {hgmma} HGMMA"
        assert p.instructions <= 1.25 * insns, f"{tag}: {p.instructions} SASS > 1.25 x {insns}"
        assert p.tma_loads > 0 and p.ldg_128 == 0 and p.async_128 == 0, \
            f"{tag}: Q, K, V should all arrive through TMA"


def test_spec_text_round_trips_and_keys_differ():
    keys = set()
    for spec in VARIANTS.values():
        assert spec_from_text(spec.text()) == spec
        keys.add(spec.key())
    assert len(keys) == len(VARIANTS)


SNAP = ["prefill_causal_bf16_d128", "decode_split_bf16", "sinks_or_window_bf16",
        "paged16_decode_split", "document_static_bf16", "append_f32_d80",
        "qpaged16_kivi2_decode_split", "qappend_kivi2_k", "qappend_fp8_e4m3_k",
        "scores_decode_split_bf16"]


@pytest.mark.parametrize("name", SNAP)
def test_emitted_source_snapshot(name, update_goldens):
    src = build.source_of(VARIANTS[name])
    compile(src, name, "exec")  # valid Python
    path = SNAPSHOTS / f"{name}.py.txt"
    if update_goldens:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(src)
    assert path.exists(), f"missing snapshot {path.name}; run pytest --update-goldens"
    assert src == path.read_text(), f"emitted source for {name} changed; review and run " \
                                    "pytest --update-goldens"


@pytest.mark.parametrize("mask,kinds", [
    (None, ["bounded"]),  # no masked tile: one loop, the sequence's end checked
    (M.causal(), ["full", "masked"]),  # nothing hidden before key 0: no leading edge
    (M.causal("top_left"), ["full", "masked"]),
    (M.sinks(4) & M.causal(), ["full", "masked"]),
    (M.sliding_window(64), ["masked", "full", "masked"]),
    (M.document([40, 24]) & M.causal(), ["masked", "full", "masked"]),
    # generic (tiles tested at run time), stepping over the gap between the two ranges
    (M.sinks(4) | M.sliding_window(64), ["masked", "masked"]),
    (M.page_selection(torch.ones(4, dtype=torch.bool), 16) | M.sinks(4), ["masked"]),
    (~M.causal(), ["masked"]),
], ids=str)
def test_only_the_key_loops_a_mask_needs_are_emitted(mask, kinds):
    from kvcc.codegen.triton.spec import lower
    from tests.triton_variants import _dense

    src = emit(lower(_dense(torch.float16, 4, 4, 64, 64, 64, mask)))
    assert f"# key loops: {', '.join(kinds)}\n" in src
    assert src.count("for j in ") == len(kinds)
    assert src.count("s = tl.where(vis, s, float('-inf'))") == kinds.count("masked")
    assert ("m_use = tl.where" in src) == ("masked" in kinds)  # only masked tiles guard the max


def test_emitted_source_properties():
    src = emit(VARIANTS["prefill_causal_bf16_d128"])
    assert "tl.where(vis" in src and ".to(tl.int64)" in src
    # in-range tiles of a power-of-two head dim load without predicates
    full_loop = src.split("for j in ")[1]
    assert "mask=" not in full_loop.split("for j in")[0], full_loop
    tma = emit(VARIANTS["p1_tma_causal_bf16_w4"])
    assert "q = Q.load(" in tma and "O.store(" in tma and "tl.load(Q" not in tma
    assert "tl.range(tl.maximum(fb_hi, s_lo), s_hi, num_stages=1)" in tma  # edge: no pipeline
    gqa = emit(VARIANTS["tma_decode_split_bf16"])  # packed GQA rows: Q and O through pointers
    assert "K.load(" in gqa and "Q.load(" not in gqa and "tl.load(Q" in gqa
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
                                          None, [1, 16, 16, 16, 16], [0, 0, 0, 0], 1, [])
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
