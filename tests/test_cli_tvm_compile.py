"""``kvcc compile SPEC --backend tvm``: the TVM CUDA kernels a SPEC needs, built ahead
of time on the CPU (TVM + nvcc), checked back as far as a machine without a GPU can.

One nvcc build for the whole module (the ``bundle`` fixture, in a private cache); the
refusals are checked before anything is built.
"""

from __future__ import annotations

import json
import pathlib
import shutil

import pytest

pytest.importorskip("tvm")

from kvcc import cli  # noqa: E402
from kvcc.autotune import specfile, tvm_bundle  # noqa: E402
from kvcc.codegen.tvm import cuda  # noqa: E402
from kvcc.codegen.tvm.cuda_driver import arch_for, read_manifest  # noqa: E402
from kvcc.codegen.tvm.cuda_launch import CudaKernels  # noqa: E402

# two decode configurations sharing one kernel pair, a causal prefill, a paged decode,
# a packed prefill with sinks and a window, a paged prefill over int8 pages, and a
# a head dim the TVM CUDA kernels are not built for
SPEC = """
name = "tvm-small"

[[attention]]
name = "dec"
heads = 8
kv_heads = 2
head_dim = 64
dtype = "f16"
mask = "causal"
[attention.lengths]
batch = [1, 4]
q_len = [1]
kv_len = [256, 1024]

[[attention]]
name = "dec-full"
heads = 8
kv_heads = 2
head_dim = 64
dtype = "f16"
[attention.lengths]
q_len = [1]
kv_len = [512]

[[attention]]
name = "pre"
heads = 4
kv_heads = 2
head_dim = 64
dtype = "f16"
mask = "causal"
[attention.lengths]
q_len = [128]
kv_len = [128, 512]

[[attention]]
name = "paged-dec"
heads = 8
kv_heads = 2
head_dim = 64
dtype = "f16"
layout = "paged"
mask = "causal & sliding_window(128)"
[attention.lengths]
q_len = [1]
kv_len = [256]

[[attention]]
name = "packed-win"
heads = 8
kv_heads = 2
head_dim = 64
dtype = "f16"
layout = "packed"
mask = "sinks(4) | sliding_window(128)"
[attention.lengths]
q_len = [64]
kv_len = [256]

[[attention]]
name = "paged-pre"
heads = 8
kv_heads = 2
head_dim = 64
dtype = "f16"
layout = "paged"
kv_format = "int8"
mask = "causal"
[attention.lengths]
q_len = [64]
kv_len = [256]

[[attention]]
name = "pre-d100"
heads = 4
kv_heads = 2
head_dim = 100
dtype = "f16"
mask = "causal"
[attention.lengths]
q_len = [64]
kv_len = [256]
"""
NEEDED = {"kvcc_cuda_decode_fp16_d64_g4": 5, "kvcc_cuda_merge_fp16_d64": 6,
          "kvcc_cuda_prefill_fp16_d64": 2, "kvcc_cuda_paged_decode_fp16_d64_g4_p16": 1,
          "kvcc_cuda_varlen_prefill_fp16_d64": 1,
          "kvcc_cuda_paged_prefill_fp16_d64_p16_int8": 1}  # kernel -> problems using it


def _spec(tmp: pathlib.Path, text: str = SPEC, name: str = "small.toml") -> str:
    p = tmp / name
    p.write_text(text)
    return str(p)


def _names(ks) -> list[str]:
    return [k.name for k in ks]


def _config(**kw) -> specfile.AttentionConfig:
    lines = [f"{k} = {json.dumps(v)}" for k, v in kw.items()]
    text = "[[attention]]\nname = \"c\"\n" + "\n".join(lines) + "\n[attention.lengths]\nq_len = [1]\n"
    return specfile.parse(text).configs[0]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The SPEC compiled once for cuda:90 with --skip-unsupported, in a private cache."""
    if cuda.nvcc_path() is None:
        pytest.skip("nvcc is not installed: cannot build cubins")
    tmp = tmp_path_factory.mktemp("tvm-compile")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KVCC_CACHE_DIR", str(tmp / "cache"))
        spec = _spec(tmp)
        out = tmp / "art"
        rc = cli.main(["compile", spec, "--target", "cuda:90", "--backend", "tvm", "--out",
                       str(out), "--skip-unsupported", "--no-progress"])
        assert rc == 0
        yield spec, out


def test_the_bundle_holds_the_kernels_the_spec_needs_and_only_those(bundle):
    _, out = bundle
    m = json.loads((out / "manifest.json").read_text())
    assert m["kvcc_tvm_cuda"] == 1 and m["backend"] == "tvm"
    assert m["target"] == {"backend": "cuda", "arch": 90} and m["spec_file"] == "small.toml"
    assert m["spec_name"] == "tvm-small" and m["tvm"] and m["nvcc"] and m["kvcc"]
    assert {k["name"]: len(k["problems"]) for k in m["kernels"]} == NEEDED
    dec = next(k for k in m["kernels"] if k["kind"] == "decode")
    assert dec["group"] == 4 and dec["head_dim"] == 64 and dec["dtype"] == "float16"
    assert "dec-full B=1 q=1 kv=512" in dec["problems"] and "dec B=4 q=1 kv=1024" in dec["problems"]
    tvm_man = json.loads((out / "sm_90" / "manifest.json").read_text())
    assert set(tvm_man["kernels"]) == set(NEEDED) and tvm_man["arch"] == "sm_90"
    src = (out / "sm_90" / "kernels.cu").read_text()
    assert set(cuda.signatures(src)) == {f"{n}_kernel" for n in NEEDED}
    pg = next(k for k in m["kernels"] if k["kind"] == "paged_decode")
    assert pg["page_size"] == 16 and pg["problems"] == ["paged-dec B=1 q=1 kv=256"]
    assert m["skipped"] == [{"config": "pre-d100", "problem": "pre-d100 B=1 q=64 kv=256",
                             "reason": m["skipped"][0]["reason"]}]
    assert "multiples of 16 from 32 to 256" in m["skipped"][0]["reason"]
    pp = next(k for k in m["kernels"] if k["kind"] == "paged_prefill")
    assert pp["problems"] == ["paged-pre B=1 q=64 kv=256"]


def test_hashes_match_and_the_artifact_loads_back_without_a_gpu(bundle):
    _, out = bundle
    m = tvm_bundle.read_bundle(out)
    for kind, name in m["files"].items():
        assert tvm_bundle._sha256(out / name) == m["sha256"][kind]
    assert (out / m["files"]["cubin"]).read_bytes()[:4] == b"\x7fELF"
    man = read_manifest(out / "sm_90")  # the launcher's reader: cubin hash checked, no TVM
    assert man["cubin_sha256"] == m["sha256"]["cubin"]
    ks = CudaKernels(out / "sm_90")  # no driver touched until a launch
    assert set(ks.manifest["kernels"]) == set(NEEDED)
    assert out / arch_for((9, 0)) == ks.folder  # the folder from_dir picks on Hopper
    # a Triton artifact loader is not fooled by it
    import kvcc
    from kvcc.autotune import artifacts

    with pytest.warns(artifacts.ArtifactWarning):
        (res,) = kvcc.load_artifacts(out)
    assert "not a kvcc artifact manifest" in res.error and not res.kernels
    artifacts.clear()


def test_a_tampered_bundle_is_refused(bundle, tmp_path):
    _, out = bundle
    d = tmp_path / "copy"
    shutil.copytree(out, d)
    cubin = d / "sm_90" / "kernels.cubin"
    data = bytearray(cubin.read_bytes())
    data[len(data) // 2] ^= 0xFF
    cubin.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="SHA-256"):
        tvm_bundle.read_bundle(d)


def _edited_copy(out: pathlib.Path, tmp: pathlib.Path, edit) -> pathlib.Path:
    """A copy of the bundle ``out`` whose top-level manifest ``edit`` changed in place."""
    d = tmp / "copy"
    shutil.copytree(out, d)
    m = json.loads((d / "manifest.json").read_text())
    edit(m)
    (d / "manifest.json").write_text(json.dumps(m))
    return d


@pytest.mark.parametrize("edit, message", [
    (lambda m: m.pop("target"), "target is missing or not an object"),
    (lambda m: m["target"].pop("arch"), "target.arch is missing or not an integer"),
    (lambda m: m.pop("sha256"), "sha256 is missing"),
    (lambda m: m["files"].pop("manifest"), "files.manifest is missing or not a string"),
    (lambda m: m.update(kernels={"a": 1}), "kernels is missing or not an array"),
    (lambda m: m["kernels"].append(["x"]), "kernels holds"),
])
def test_a_malformed_bundle_manifest_is_refused_naming_the_field(bundle, tmp_path, edit, message):
    d = _edited_copy(bundle[1], tmp_path, edit)
    with pytest.raises(ValueError, match=message):
        tvm_bundle.read_bundle(d)


@pytest.mark.parametrize("name", ["../x", "sm_90/../../x", "/etc/passwd", "sm_90/a/b", "kernels.cu",
                                  "sm_90/..", "sm_80/kernels.cubin"])
def test_bundle_file_names_stay_inside_the_bundle(bundle, tmp_path, name):
    def edit(m):
        m["files"]["cubin"] = name

    d = _edited_copy(bundle[1], tmp_path, edit)
    (tmp_path / "x").write_bytes((d / "sm_90" / "kernels.cubin").read_bytes())  # outside: valid
    with pytest.raises(ValueError, match="files.cubin"):
        tvm_bundle.read_bundle(d)
    # an extra file entry is held to the same rule
    d2 = _edited_copy(bundle[1], tmp_path / "extra", lambda m: m["files"].update(x="../x"))
    with pytest.raises(ValueError, match="files.x '../x' must be sm_90/<file name>"):
        tvm_bundle.read_bundle(d2)


def test_refusals_count_configurations_that_share_a_name(tmp_path):
    import dataclasses

    sf = specfile.load(_spec(tmp_path))
    d100 = next(c for c in sf.configs if c.name == "pre-d100")
    pre = next(c for c in sf.configs if c.name == "pre")
    # two configurations named "twin": one problem each refused, of 1 and of 2 problems
    twin_a = dataclasses.replace(d100, name="twin")
    twin_b = dataclasses.replace(pre, name="twin", head_dim=100)
    spec = dataclasses.replace(sf, configs=(twin_a, twin_b))
    with pytest.raises(tvm_bundle.Unsupported) as e:
        tvm_bundle.plan(spec)
    msg = str(e.value)
    assert msg.startswith("3 problems of ")
    assert "'twin' (its one problem)" in msg and "'twin' (all 2 problems)" in msg, msg


def test_recompiling_replaces_the_bundle_from_the_cache_with_progress(bundle, capsys):
    spec, out = bundle
    sf = specfile.load(spec)
    before = json.loads((out / "manifest.json").read_text())
    m = tvm_bundle.compile_spec(sf, 90, out, skip_unsupported=True, progress=True,
                                log=lambda s: None)
    err = capsys.readouterr().err
    assert "building (sm_90)" in err and "cached" in err  # the bar, on stderr
    assert m["sha256"] == before["sha256"]
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]
    assert cli.main(["compile", spec, "--target", "cuda:90", "--backend", "tvm", "--out",
                     str(out), "--skip-unsupported", "--no-progress"]) == 0
    cap = capsys.readouterr()
    assert "building" not in cap.err  # --no-progress
    assert "kvcc_cuda_prefill_fp16_d64" in cap.out and "skipped pre-d100" in cap.out
    assert "KVCC_TVM_CUDA_DIR" in cap.out


def test_an_unsupported_config_is_refused_before_building(tmp_path, capsys, monkeypatch):
    spec = _spec(tmp_path)
    monkeypatch.setattr(cuda, "build", lambda *a, **k: pytest.fail("built"))
    out = tmp_path / "o"
    assert cli.main(["compile", spec, "--target", "cuda:90", "--backend", "tvm",
                     "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{spec}: [[attention]] 'pre-d100' (its one problem): head_dim 100" in err
    assert "--skip-unsupported" in err and "nothing was built" in err
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["small.toml"]
    # an existing bundle stays as it was
    out.mkdir()
    (out / "manifest.json").write_text("{}")
    assert cli.main(["compile", spec, "--target", "cuda:90", "--backend", "tvm",
                     "--out", str(out)]) == 1
    assert (out / "manifest.json").read_text() == "{}" and len(list(out.iterdir())) == 1
    # nothing runnable at all is refused even with --skip-unsupported
    only = _spec(tmp_path, SPEC[SPEC.index("[[attention]]\nname = \"pre-d100\""):],
                 "d100.toml")
    assert cli.main(["compile", only, "--target", "cuda:90", "--backend", "tvm", "--out",
                     str(tmp_path / "p"), "--skip-unsupported"]) == 1
    assert "nothing to compile" in capsys.readouterr().err and not (tmp_path / "p").exists()


@pytest.mark.parametrize("kw, feature", [
    ({"layout": "paged", "page_size": 64}, "page_size 64"),
    ({"head_dim": 100}, "head_dim 100"),
    ({"mask": "by_head([0], of=2, group=1, causal, full)"}, "by_head for 2 KV heads"),
    ({"mask": "document([100, 100])"}, "the documents cover 200 keys"),
    ({"head_dim": 256, "heads": 16, "kv_heads": 2}, "groups up to 4 at head dims over 128"),
    ({"pipeline": "simplify-masks,quantize-kv"}, 'pipeline pass "quantize-kv"'),
    ({"heads": 6, "kv_heads": 2}, "GQA group 3"),
])
def test_each_missing_feature_is_named(kw, feature):
    c = _config(**{"heads": 4, "head_dim": 64, "dtype": "bf16", **kw})
    with pytest.raises(tvm_bundle.Unsupported, match="TVM CUDA") as e:
        tvm_bundle.kernels_for(c, 1, 256)
    assert feature in str(e.value)


def test_quantized_packed_kv_is_refused_by_the_bundle_too():
    """The SPEC reader refuses a kv_format in the packed layout; the bundle names it as
    well for a configuration made in code."""
    import dataclasses

    c = dataclasses.replace(_config(heads=4, head_dim=64, dtype="bf16"), layout="packed",
                            kv_format="int8")
    with pytest.raises(tvm_bundle.Unsupported, match='kv_format "int8" in the packed layout'):
        tvm_bundle.kernels_for(c, 16, 256)


def test_problems_map_to_decode_or_prefill():
    full = _config(heads=16, kv_heads=1, head_dim=128, dtype="bf16")
    assert _names(tvm_bundle.kernels_for(full, 1, 4096)) == ["kvcc_cuda_decode_bf16_d128_g16",
                                                            "kvcc_cuda_merge_bf16_d128"]
    # a full prefill, a top-left causal: the mask compiled into a kernel of its own
    from kvcc.codegen.tvm import cuda_masks
    from kvcc.ir.syntax import parse_mask

    sfx = lambda text: cuda_masks.suffix(parse_mask(text))  # noqa: E731
    assert _names(tvm_bundle.kernels_for(full, 64, 4096)) == [
        "kvcc_cuda_prefill_bf16_d128" + sfx("full")]
    causal = _config(heads=4, head_dim=128, dtype="bf16", mask="causal")
    assert _names(tvm_bundle.kernels_for(causal, 64, 4096)) == ["kvcc_cuda_prefill_bf16_d128"]
    top_left = _config(heads=4, head_dim=64, dtype="f16", mask="causal(top_left)")
    for kv in (64, 128):
        assert _names(tvm_bundle.kernels_for(top_left, 64, kv)) == [
            "kvcc_cuda_prefill_fp16_d64" + sfx("causal(top_left)")]
    capped = _config(heads=4, head_dim=128, dtype="bf16", mask="causal", softcap=30.0)
    assert _names(tvm_bundle.kernels_for(capped, 64, 128)) == ["kvcc_cuda_prefill_bf16_d128"]
    q8 = _config(heads=8, kv_heads=2, head_dim=64, dtype="f16", layout="paged", page_size=16,
                 kv_format="int4", mask="causal")
    assert _names(tvm_bundle.kernels_for(q8, 1, 900)) == [
        "kvcc_cuda_paged_decode_fp16_d64_g4_p16_int4", "kvcc_cuda_merge_fp16_d64"]
    assert _names(tvm_bundle.kernels_for(q8, 16, 900)) == [
        "kvcc_cuda_paged_prefill_fp16_d64_p16_int4"]
    kivi = _config(heads=8, kv_heads=2, head_dim=64, dtype="f16", layout="paged", page_size=16,
                   kv_format="kivi2", mask="causal")
    assert _names(tvm_bundle.kernels_for(kivi, 1, 900))[0] == \
        "kvcc_cuda_paged_decode_fp16_d64_g4_p16_kivi2"
    dense8 = _config(heads=8, kv_heads=2, head_dim=128, dtype="bf16", kv_format="int8",
                     mask="causal")
    assert _names(tvm_bundle.kernels_for(dense8, 1, 900)) == [
        "kvcc_cuda_decode_bf16_d128_g4_int8", "kvcc_cuda_merge_bf16_d128"]
    assert _names(tvm_bundle.kernels_for(dense8, 64, 900)) == ["kvcc_cuda_prefill_bf16_d128_int8"]
    qs = _config(heads=8, kv_heads=2, head_dim=128, dtype="bf16", layout="paged", page_size=32,
                 kv_format="quantspec", mask="causal")
    assert _names(tvm_bundle.kernels_for(qs, 64, 900)) == [
        "kvcc_cuda_paged_prefill_bf16_d128_p32_quantspec"]


def test_head_dims_from_32_to_256_map_to_their_kernels():
    gemma = _config(heads=16, kv_heads=8, head_dim=256, dtype="bf16", layout="paged",
                    page_size=16, mask="causal")
    assert _names(tvm_bundle.kernels_for(gemma, 1, 4096)) == [
        "kvcc_cuda_paged_decode_bf16_d256_g2_p16", "kvcc_cuda_merge_bf16_d256"]
    assert _names(tvm_bundle.kernels_for(gemma, 128, 4096)) == [
        "kvcc_cuda_paged_prefill_bf16_d256_p16"]
    phi = _config(heads=32, kv_heads=32, head_dim=80, dtype="f16", mask="causal")
    ks = tvm_bundle.kernels_for(phi, 1, 512)
    assert _names(ks) == ["kvcc_cuda_decode_fp16_d80_g1", "kvcc_cuda_merge_fp16_d80"]
    assert ks[0].block == (16, 1, 1) and ks[1].block == (80, 1, 1)
    pre = tvm_bundle.kernels_for(phi, 512, 512)[0]
    assert pre.grid[0] == ("S", 16) and pre.block_n == 32  # half the rows off powers of two
    # float32: half the keys per tile
    f32 = _config(heads=8, kv_heads=2, head_dim=128, dtype="f32", mask="causal")
    dec, merge = tvm_bundle.kernels_for(f32, 1, 512)
    assert (dec.name, merge.name) == ("kvcc_cuda_decode_f32_d128_g4", "kvcc_cuda_merge_f32_d128")
    assert dec.block_n == 32 and tvm_bundle.kernels_for(f32, 64, 512)[0].block_n == 16


def test_serving_layouts_and_window_masks_map_to_their_kernels():
    paged = _config(heads=32, kv_heads=8, head_dim=128, dtype="bf16", layout="paged",
                    page_size=32, mask="sinks(4) | sliding_window(1024)")
    assert _names(tvm_bundle.kernels_for(paged, 1, 8192)) == [
        "kvcc_cuda_paged_decode_bf16_d128_g4_p32", "kvcc_cuda_merge_bf16_d128"]
    assert _names(tvm_bundle.kernels_for(paged, 16, 8192)) == [
        "kvcc_cuda_paged_prefill_bf16_d128_p32"]
    packed = _config(heads=8, kv_heads=8, head_dim=64, dtype="f16", layout="packed",
                     mask="causal & sliding_window(256)")
    for q_len in (1, 512):
        assert _names(tvm_bundle.kernels_for(packed, q_len, 4096)) == [
            "kvcc_cuda_varlen_prefill_fp16_d64"]
    win = _config(heads=8, head_dim=64, dtype="f16", mask="sliding_window(256)")
    assert _names(tvm_bundle.kernels_for(win, 1, 4096))[0] == "kvcc_cuda_decode_fp16_d64_g1"
    assert _names(tvm_bundle.kernels_for(win, 300, 4096)) == ["kvcc_cuda_prefill_fp16_d64"]
    # causal & (sinks | window) runs where causality hides no sink
    cs = _config(heads=8, head_dim=64, dtype="f16", mask="causal & (sinks(4) | sliding_window(64))")
    assert _names(tvm_bundle.kernels_for(cs, 1, 4096))[0] == "kvcc_cuda_decode_fp16_d64_g1"
    # in a prefill, causality hides sinks from early rows: the mask is compiled in
    from kvcc.codegen.tvm import cuda_masks
    from kvcc.ir.syntax import parse_mask

    m = parse_mask(cs.mask)
    assert _names(tvm_bundle.kernels_for(cs, 64, 64)) == [
        "kvcc_cuda_prefill_fp16_d64" + cuda_masks.suffix(m)]
    docs = _config(heads=8, kv_heads=2, head_dim=64, dtype="f16", layout="paged", page_size=16,
                   mask="document([100, 156]) | sinks(2)")
    assert _names(tvm_bundle.kernels_for(docs, 1, 256))[0] == \
        "kvcc_cuda_paged_decode_fp16_d64_g4_p16" + cuda_masks.suffix(parse_mask(docs.mask))


def test_triton_only_options_and_other_targets_are_refused(tmp_path, capsys):
    spec = _spec(tmp_path)
    base = ["compile", spec, "--backend", "tvm", "--out", str(tmp_path / "o")]
    assert cli.main([*base, "--target", "cuda:89"]) == 1
    assert "cuda:80 and cuda:90 only" in capsys.readouterr().err
    assert cli.main([*base, "--target", "cuda:90", "--db", "x.json"]) == 1
    assert "--db applies to the triton backend only" in capsys.readouterr().err
    assert cli.main(["compile", spec, "--target", "cuda:90", "--out", str(tmp_path / "o"),
                     "--skip-unsupported"]) == 1
    assert "--backend tvm only" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_help_says_what_the_tvm_backend_compiles(capsys):
    with pytest.raises(SystemExit):
        cli.main(["compile", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for w in ("--backend tvm", "--skip-unsupported", "head dims 32 to 256", "paged decode",
              "packed (varlen) prefill", "sinks(n) | sliding_window(w)", "KVCC_TVM_CUDA_DIR",
              "cuda:80 and cuda:90"):
        assert w in out, w



RUNTIME_TENSORS = """
[[attention]]
name = "docs"
heads = 8
kv_heads = 2
head_dim = 64
dtype = "f16"
mask = "causal & document(%ids)"
[attention.lengths]
q_len = [1, 64]
kv_len = [256]

[[attention]]
name = "quest"
heads = 8
kv_heads = 2
head_dim = 64
dtype = "f16"
layout = "paged"
mask = "causal & page_select(16, %sel)"
[attention.lengths]
q_len = [1]
kv_len = [1024]
"""


def test_a_spec_may_name_run_time_mask_tensors_for_the_tvm_kernels_only(tmp_path, capsys,
                                                                       monkeypatch):
    """Document ids and Quest's page selections: the TVM bundle builds the kernels that
    read them at run time (the default set's, by the same names: a kernel's name follows
    the mask, not its tensors' names); every other SPEC command refuses them."""
    from kvcc.codegen.tvm.cuda_kernel_set import mask_kernel

    path = _spec(tmp_path, RUNTIME_TENSORS, "tensors.toml")
    with pytest.raises(specfile.SpecError, match="run-time mask tensors"):
        specfile.load(path)
    twice = RUNTIME_TENSORS.replace("page_select(16, %sel)", "page_select(16, %sel) | "
                                    "document(%sel)")
    with pytest.raises(specfile.SpecError, match="%sel is read as a selection of pages of 16 "
                       "and as document ids"):
        specfile.parse(twice, mask_tensors=True)
    names = set(tvm_bundle.plan(specfile.load(path, mask_tensors=True)).kernels)
    assert names == {
        mask_kernel("prefill", "float16", 64, "causal & document(%ids0)").name,
        mask_kernel("decode", "float16", 64, "causal & document(%ids0)").name,
        "kvcc_cuda_merge_fp16_d64",
        mask_kernel("paged_decode", "float16", 64, "causal & page_select(16, %pages0)").name}
    assert cli.main(["compile", path, "--target", "cuda:90", "--out", str(tmp_path / "t")]) == 1
    assert "kvcc compile --backend tvm excepted" in capsys.readouterr().err
    assert cli.main(["explain", path]) == 1 and not (tmp_path / "t").exists()
    built = []  # the TVM command reads the SPEC and builds those kernels (stopped there)

    def build(arch, kernels, *a, **k):
        built.append((arch, {x.name for x in kernels}))
        raise cuda.BuildError("stopped before nvcc")

    monkeypatch.setattr(cuda, "build", build)
    assert cli.main(["compile", path, "--target", "cuda:90", "--backend", "tvm",
                     "--out", str(tmp_path / "t")]) == 1
    assert built == [("sm_90", names)] and "stopped before nvcc" in capsys.readouterr().err
