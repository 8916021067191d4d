"""Masks compiled into the TVM CUDA kernels (``kvcc/codegen/tvm/cuda_masks.py``).

Kernels with masks of several key intervals per row (unions, complements, static
documents, document ids, per-head masks, top-left alignment), in every kernel kind
(dense, packed and paged prefill, dense and paged decode over several splits, quantized
pages and dense quantized K/V), are built with TVM and nvcc for sm_90 and run through the CUDA emulation
(``cuda_emulate.py``) against kvcc's own evaluation of the mask, as the GPU check holds
them (``benchmarks/tvm_cuda_check.py``). Two deliberately wrong kernels show the check
fails. The launcher's refusals need no build.
"""

from __future__ import annotations

import pathlib

import pytest

from kvcc.codegen.tvm import cuda, cuda_emulate
from kvcc.codegen.tvm import cuda_kernels as ck
from kvcc.codegen.tvm import cuda_masks as cm
from kvcc.ir.syntax import parse_mask
from tests.tvm_cuda_helpers import ART
from tests.tvm_cuda_helpers import checks as _checks

# GPU-check cases (benchmarks/tvm_cuda_cases.py) whose mask is compiled in
CASES = [
    ("prefill", "float16", 4, 2, 64, [130], [200], "causal & ~sliding_window(40)", 0),
    ("prefill", "bfloat16", 4, 4, 64, [250], [250], "document([50, 100, 100]) | sinks(4)", 0),
    ("prefill", "float16", 4, 2, 64, [90], [120],
     "by_head([1], of=2, group=2, causal, sliding_window(16))", 0),
    ("prefill", "float16", 4, 4, 128, [100], [160], "~(sliding_window(32) | sinks(2))", 0),
    ("decode", "float16", 8, 2, 64, [1, 1], [1000, 700],
     "sinks(4) | sliding_window(64) | document(%doc)", 0),
    # a decode block of fewer threads (32) than keys per tile (64): ids staged in turns
    ("decode", "bfloat16", 4, 4, 96, [1, 1], [400, 300], "document(%doc) | sinks(2)", 0),
    ("varlen", "bfloat16", 4, 2, 64, [40, 1, 70], [100, 100, 100],
     "causal & document([30, 70]) | sinks(2)", 0),
    ("paged16", "float16", 8, 2, 64, [1] * 3, [500, 500, 500], "sinks(5) | document([300, 200])", 0),
    ("chunk16", "float16", 4, 2, 64, [30, 64], [300, 64], "causal(top_left) | sinks(3)", 0),
    ("chunk16", "bfloat16", 4, 1, 64, [20, 33], [200, 90], "sliding_window(24, top_left)", 0,
     None, False, "int4"),
    ("paged16", "bfloat16", 8, 8, 64, [1] * 2, [300, 129], "causal(top_left) | sliding_window(50)", 0,
     30.0, True, "kivi2"),
    # Quest's page selections: a conjunct (unselected tiles skipped), per KV head, over
    # pages; per query head under | (every tile tested), dense; over quantized pages
    ("paged16", "float16", 8, 2, 64, [1] * 3, [500, 300, 129], "causal & page_select(16, %pages)", 0),
    ("decode", "float16", 8, 2, 64, [1, 1], [700, 700], "causal & page_select(64, %qpages)", 0),
    ("prefill", "float16", 4, 2, 64, [100], [200], "sliding_window(30) | page_select(32, %qpages)", 0),
    ("chunk16", "bfloat16", 4, 2, 64, [20, 33], [200, 90], "causal & page_select(16, %pages)", 0,
     None, False, "int8"),
    # more than 4 intervals per row: the hull's tiles, each score tested against the mask
    ("prefill", "float16", 4, 2, 64, [120], [200],
     "(causal | sinks(4)) & (document([128, 72]) | ~sliding_window(8))", 0),
    ("paged16", "float16", 8, 2, 64, [1] * 2, [400, 150],
     "(sinks(2) | sliding_window(90)) & ~(sinks(1) | sliding_window(20))"
     " & (page_select(16, %pages) | sinks(8))", 0),
    # dense quantized K/V (as kvcc.attention(kv_format=...) stores it) under a mask
    ("prefill", "float16", 4, 2, 64, [100], [150], "causal & document(%doc)", 0, None, False,
     "int8"),
    ("decode", "bfloat16", 8, 2, 64, [1, 1], [300, 200], "document(%doc) | sinks(2)", 0, None,
     False, "kivi2"),
]

pytestmark = pytest.mark.skipif(
    cuda_emulate.cxx_path() is None or cuda.nvcc_path() is None,
    reason="needs g++ (the emulation) and nvcc (the build)")



def kernels_for(case: tuple, mask_code=None) -> list:
    """The kernels a case launches."""
    kind, dt, hq, hk, d = case[:5]
    m = parse_mask(case[7])
    fmt = case[11] if len(case) > 11 else None
    if kind == "prefill":
        return [ck.prefill(dt, d, kv_format=fmt, mask=m)]
    if kind == "varlen":
        return [ck.prefill(dt, d, True, mask=m)]
    if kind.startswith("chunk"):
        return [ck.prefill(dt, d, True, int(kind[5:]), fmt, mask=m)]
    page = int(kind[5:]) if kind.startswith("paged") else None
    return [ck.decode(dt, d, hq // hk, page, fmt, mask=m), ck.merge(dt, d)]


def _build(cases) -> pathlib.Path:
    ks = {k.name: k for c in cases for k in kernels_for(c)}
    return cuda.build("sm_90", list(ks.values()))


@pytest.fixture(scope="module")
def built():
    return _build(CASES)


def test_compiled_in_masks_match_kvcc_in_every_kernel_kind(built):
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels

    chk = _checks()
    ks = EmulatedKernels(built)
    results = chk.run_checks(ks, CASES, device="cpu")
    failed = [(label, detail) for label, ok, detail in results if not ok]
    assert len(results) == len(CASES) and not failed, failed
    # every kernel ran, and the decodes over several splits
    names = {name for name, _ in ks.launches}
    assert {k.name for c in CASES for k in kernels_for(c)} == names
    assert any(g[0] > 1 for name, g in ks.launches if "decode" in name)
    man = cuda.read_check(built)
    for c in CASES:
        k = kernels_for(c)[0]
        entry = man["kernels"][k.name]
        assert entry["mask"] == cm.text(parse_mask(c[7]))
        assert entry["spill_stores"] == 0 and entry["stack"] == 0, (k.name, entry)


@pytest.mark.parametrize("mutation", ["no tile skipped", "no predicate"])
def test_a_wrong_mask_kernel_fails_the_check(monkeypatch, mutation):
    """Built with one mistake, the kernels fail the cases that depend on it: walking a
    tile that two terms' runs hold twice, or ignoring the document-id predicate."""
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels

    chk = _checks()
    if mutation == "no tile skipped":
        monkeypatch.setattr(cm.MaskCode, "guard", lambda self: None)
        case = CASES[1]  # document | sinks: the sink tile is the first document's too
    else:
        real = cm.MaskCode.visible

        def visible(self, row, kin, key, h="0"):
            return real(self, row, kin, key, h).replace(f"kid0[{kin}] == rid0[{row}]",
                                                        "T.bool(True)")

        monkeypatch.setattr(cm.MaskCode, "visible", visible)
        case = CASES[4]  # the document-id decode
    results = chk.run_checks(EmulatedKernels(_build([case])), [case], device="cpu")
    assert len(results) == 1 and not results[0][1], results


@pytest.mark.parametrize("skips", [True, False], ids=["kernel", "mutated: no page skip"])
def test_unselected_page_tiles_are_never_read(monkeypatch, skips):
    """Quest's ``causal & page_select`` over pages: a tile none of whose pages its KV
    head selects is not loaded. Its K and V are NaN here; a loaded tile makes the output
    NaN (its scores are masked, but 0 * NaN is NaN), as the mutated kernel shows. The
    selection is whole tiles (the kernel's ``block_n`` keys), per KV head."""
    import torch

    from kvcc import masks
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels

    if not skips:
        real = cm.MaskCode.guard
        monkeypatch.setattr(cm.MaskCode, "guard", lambda self: (
            None if real(self) is None else real(self).replace(" != 0", " != 7")))
    case = ("paged16", "float16", 8, 2, 64, [1] * 2, [700, 400], "causal & page_select(16, %p)", 0)
    k = kernels_for(case)[0]
    per_tile = k.block_n // 16
    g = torch.Generator().manual_seed(3)
    b, hk, ps, lens = 2, 2, 16, torch.tensor([700, 400], dtype=torch.int32)
    width = -(-700 // ps)
    tiles = torch.rand(b, hk, -(-width // per_tile), generator=g) < 0.5
    tiles[0, :, -1] = tiles[1, :, (400 - 1) // k.block_n] = True  # the last key's tile
    sel = tiles.repeat_interleave(per_tile, -1)[..., :width]
    pool = torch.randn(2, 2 * width, ps, hk, 64, generator=g).half()
    bt = torch.arange(2 * width, dtype=torch.int32).view(b, width)
    bad = pool.clone()
    for i in range(b):
        for h in range(hk):
            for p in (~sel[i, h]).nonzero().flatten().tolist():
                bad[:, bt[i, p], :, h] = float("nan")
    q = torch.randn(b, 8, 64, generator=g).half()
    ks = EmulatedKernels(_build([case]))
    mask = masks.causal() & masks.page_selection(sel, ps)
    o, lse = ks.paged_decode(q, bad[0], bad[1], bt, lens, mask=mask, num_splits=2)
    want, _ = ks.paged_decode(q, pool[0], pool[1], bt, lens, mask=mask, num_splits=2)
    if skips:
        assert torch.equal(o, want) and not o.isnan().any()
    else:
        assert o.isnan().any()


def test_runtime_masks_and_names():
    rt = lambda text, decode=False: cm.runtime(parse_mask(text), decode)  # noqa: E731
    assert rt("causal") == (None, 0) and rt("sliding_window(64)") == (64, 0)
    assert rt("causal & sliding_window(64)") == (64, 0)
    assert rt("sliding_window(64) | sinks(4)") == (64, 4)
    assert rt("full") is None and rt("full", decode=True) == (None, 0)
    assert rt("causal & (sinks(4) | sliding_window(64))") is None
    assert rt("causal & (sinks(4) | sliding_window(64))", decode=True) == (64, 4)
    for text in ("causal(top_left)", "sliding_window(8, top_left)", "~causal", "document([4, 4])"):
        assert rt(text) is None and rt(text, decode=True) is None, text
    # the kernel name follows the mask, not the names of its tensors
    import torch

    from kvcc import masks

    a = masks.causal() & masks.document(seq_ids=torch.zeros(8, dtype=torch.int64))
    b = masks.causal() & masks.document(seq_ids=torch.ones(8, dtype=torch.int64))
    assert cm.suffix(a) == cm.suffix(b) == cm.suffix(parse_mask("causal & document(%ids0)"))
    assert cm.suffix(a) != cm.suffix(parse_mask("causal | document(%ids0)"))
    assert cm.reason(parse_mask("page_select(16, %p)"), False) is None
    assert cm.reason(parse_mask("page_select(16, %p)"), True) is None
    assert cm.suffix(parse_mask("causal & page_select(16, %a)")) == \
        cm.suffix(parse_mask("causal & page_select(16, %b)"))
    assert "document ids" in cm.reason(parse_mask("document(%d)"), True)
    assert cm.reason(parse_mask("document(%d)"), False) is None
    assert cm.reason(parse_mask("(causal | sinks(4)) & (document([8, 8]) | ~sliding_window(8))"),
                     False) is None  # (more than 4 intervals: one term, tested per element)


def test_the_launcher_refuses_bad_mask_calls_before_any_launch(monkeypatch):
    import torch

    from kvcc.codegen.tvm.cuda_launch import CudaKernels

    ks = CudaKernels(ART / "sm_90")
    monkeypatch.setattr(ks, "launch", lambda *a, **k: pytest.fail("launched"))
    q, k = torch.randn(1, 4, 16, 64, dtype=torch.float16), torch.randn(1, 2, 16, 64,
                                                                       dtype=torch.float16)
    with pytest.raises(ValueError, match="either mask or window"):
        ks.prefill(q, k, k, mask="full", window=8)
    with pytest.raises(ValueError, match="lengths sum to 12 but the key length is 16"):
        ks.prefill(q, k, k, mask="document([4, 8])")
    with pytest.raises(ValueError, match="no tensor given for 'doc'"):
        ks.prefill(q, k, k, mask="document(%doc)")
    with pytest.raises(ValueError, match=r"seq_ids must have shape \[16\]"):
        ks.prefill(q, k, k, mask="document(%doc)", mask_tensors={"doc": torch.zeros(15)})
    with pytest.raises(TypeError, match="seq_ids must be integers"):
        ks.prefill(q, k, k, mask="document(%doc)", mask_tensors={"doc": torch.zeros(16)})
    with pytest.raises(ValueError, match="by_head mask for 4 KV heads"):
        ks.prefill(q, k, k, mask="by_head([0], of=4, group=1, causal, full)")
    with pytest.raises(ValueError, match="no tensor for 'p'"):
        ks.prefill(q, k, k, mask="page_select(16, %p)")
    for sel, what in [(torch.ones(2, dtype=torch.bool), "1 entries"),
                      (torch.ones(3, 1), "bool or integer"),
                      (torch.ones(1, 3, 1, dtype=torch.bool), "H = 2 or 4")]:
        with pytest.raises(ValueError, match=what):
            ks.prefill(q, k, k, mask="page_select(16, %p)", mask_tensors={"p": sel})
    with pytest.raises(TypeError, match="kvcc.masks mask or its text"):
        ks.prefill(q, k, k, mask=3)
    cu = torch.tensor([0, 16], dtype=torch.int32)
    with pytest.raises(ValueError, match="sequence 0 has 16 keys"):
        ks.varlen_prefill(q[0].transpose(0, 1).contiguous(), k[0].transpose(0, 1).contiguous(),
                          k[0].transpose(0, 1).contiguous(), cu, cu, mask="document([4, 8])")
    with pytest.raises(ValueError, match="document ids in packed"):
        ks.varlen_prefill(q[0].transpose(0, 1).contiguous(), k[0].transpose(0, 1).contiguous(),
                          k[0].transpose(0, 1).contiguous(), cu, cu, mask="document(%doc)")


def test_a_mask_holding_its_ids_runs_the_default_kernel():
    """``kvcc.masks.document(seq_ids=...)`` carries its tensor: the launcher reads it from
    the mask (no ``mask_tensors``), launches the committed ``causal & document`` kernel,
    and gives what the mask's text with ``mask_tensors`` gives."""
    import torch

    from kvcc import masks
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels

    m = parse_mask("causal & document(%ids0)")
    name = ck.prefill("float16", 64, mask=m).name
    ks = EmulatedKernels(ART / "sm_90", only={name})
    g = torch.Generator().manual_seed(3)
    q, k, v = (torch.randn(2, 4, 70, 64, generator=g).half() for _ in range(3))
    ids = torch.randint(0, 4, (2, 70), generator=g).sort(-1).values.to(torch.int32)
    o1, l1 = ks.prefill(q, k, v, mask=masks.causal() & masks.document(seq_ids=ids))
    o2, l2 = ks.prefill(q, k, v, mask=m, mask_tensors={"ids0": ids})
    assert [n for n, _ in ks.launches] == [name, name]
    assert torch.equal(o1, o2) and torch.equal(l1, l2) and bool(torch.isfinite(o1).all())
    # and each batch row reads its own ids: a shuffled batch gives other outputs
    o3, _ = ks.prefill(q, k, v, mask=m, mask_tensors={"ids0": ids.flip(0)})
    assert not torch.equal(o1, o3)


SPEC = """
name = "tvm-masks"

[[attention]]
name = "docs-f32-d96"
heads = 4
kv_heads = 2
head_dim = 96
dtype = "f32"
mask = "document([40, 60]) | sinks(2)"
[attention.lengths]
q_len = [100]
kv_len = [100]

[[attention]]
name = "paged-top-left-d256"
heads = 8
kv_heads = 4
head_dim = 256
dtype = "bf16"
layout = "paged"
page_size = 16
mask = "causal(top_left) | sliding_window(32)"
[attention.lengths]
q_len = [1, 24]
kv_len = [300]
"""


def test_kvcc_compile_builds_what_the_launcher_launches(tmp_path, monkeypatch):
    """A SPEC with compiled-in masks, head dims 96 and 256 and f32 through ``kvcc
    compile --backend tvm``; the bundle's kernels are exactly the ones ``CudaKernels``
    launches for those problems (here through the emulation), and they pass the check."""
    from kvcc import cli
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels

    monkeypatch.setenv("KVCC_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "s.toml").write_text(SPEC)
    out = tmp_path / "art"
    assert cli.main(["compile", str(tmp_path / "s.toml"), "--target", "cuda:90", "--backend",
                     "tvm", "--out", str(out), "--no-progress"]) == 0
    import json

    bundle = json.loads((out / "manifest.json").read_text())
    built = {k["name"] for k in bundle["kernels"]}
    assert {k.get("mask") for k in bundle["kernels"]} == {
        None, "document([40, 60]) | sinks(2)", "causal(top_left) | sliding_window(32)"}
    chk = _checks()
    cases = [("prefill", "float32", 4, 2, 96, [100], [100], "document([40, 60]) | sinks(2)", 0),
             ("paged16", "bfloat16", 8, 4, 256, [1, 1], [300, 300],
              "causal(top_left) | sliding_window(32)", 0),
             ("chunk16", "bfloat16", 8, 4, 256, [24], [300],
              "causal(top_left) | sliding_window(32)", 0)]
    ks = EmulatedKernels(out / "sm_90")
    results = chk.run_checks(ks, cases, device="cpu")
    assert all(ok for _, ok, _ in results), results
    assert {name for name, _ in ks.launches} == built
