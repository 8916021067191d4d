"""attn_implementation="kvcc" and KVCCCache on tiny random-weight transformers models.

Llama (GQA), Mistral (a sliding window shorter than the prompt), Qwen2 (a window on its
second layer only) and Gemma2 (softcap, a window on alternating layers), fp32, built in
code (no downloads). kvcc's logits match eager attention's, and greedy tokens are
identical, for a left-padded batch of two: through "kvcc" (backend auto: the reference
on a CPU) and "kvcc_triton" (the generated kernels; under TRITON_INTERPRET=1 on a CPU),
with transformers' own caches and with KVCCCache (kvcc's paged cache).

A quantized KVCCCache changes the numbers on purpose: its tests check the stored K/V
against eager's within the format's rounding, the logits against eager's within a
measured bound, and the generated kernels' decode against kvcc's reference over the
same stored (dequantized) cache, token for token.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest
import torch

transformers = pytest.importorskip("transformers")

import kvcc  # noqa: E402
from kvcc.backends import triton_unavailable  # noqa: E402
from kvcc.integrations import hf_attention  # noqa: E402
from kvcc.integrations.transformers import HFMask, HFOptions, KVCCCache, register  # noqa: E402
from kvcc.ir.mask import SlidingWindow, walk  # noqa: E402

TRITON = register("kvcc_triton", backend="triton")
NO_TRITON = triton_unavailable(torch.device("cpu")) is not None and not torch.cuda.is_available()
needs_triton = pytest.mark.skipif(NO_TRITON, reason="Triton cannot run here (set TRITON_INTERPRET=1)")
IMPLS = ["kvcc", pytest.param(TRITON, marks=needs_triton)]
DEV = "cuda" if torch.cuda.is_available() else "cpu"

COMMON = dict(hidden_size=64, intermediate_size=128, num_attention_heads=4, num_key_value_heads=2,
              num_hidden_layers=2, vocab_size=128, max_position_embeddings=256,
              initializer_range=0.1)
MODELS = {
    "llama": ("LlamaConfig", "LlamaForCausalLM", {}),
    "mistral": ("MistralConfig", "MistralForCausalLM", dict(sliding_window=4)),
    "qwen2": ("Qwen2Config", "Qwen2ForCausalLM",
              dict(use_sliding_window=True, sliding_window=4, max_window_layers=1)),
    "gemma2": ("Gemma2Config", "Gemma2ForCausalLM",
               dict(head_dim=16, sliding_window=4, attn_logit_softcapping=5.0,
                    query_pre_attn_scalar=16, initializer_range=0.3, tie_word_embeddings=False)),
}
PROMPT = 10  # longer than the windows (4), so they matter


def make_model(name: str, **overrides):
    cfg_name, cls_name, extra = MODELS[name]
    cfg = getattr(transformers, cfg_name)(**{**COMMON, **extra, **overrides})
    torch.manual_seed(0)
    return getattr(transformers, cls_name)(cfg).to(DEV).eval()


def batch():
    """Two prompts of 10 and 7 tokens, the second padded on the left."""
    ids = torch.randint(0, 128, (2, PROMPT), generator=torch.Generator().manual_seed(1))
    am = torch.ones(2, PROMPT, dtype=torch.long)
    am[1, :3] = 0
    return ids.to(DEV), am.to(DEV)


@torch.no_grad()
def logits(model, impl, ids, am, **kw):
    model.set_attn_implementation(impl)
    return model(ids, attention_mask=am, **kw).logits


@torch.no_grad()
def greedy(model, impl, ids, am, n=6, **kw):
    model.set_attn_implementation(impl)
    out = model.generate(ids, attention_mask=am, max_new_tokens=n, do_sample=False, **kw)
    return out[:, ids.shape[1]:].tolist()


@pytest.fixture(scope="module", params=list(MODELS))
def model(request):
    return make_model(request.param)


@pytest.fixture
def said(monkeypatch):
    """The reasons logged once, fresh for the test."""
    fresh: set[str] = set()
    monkeypatch.setattr(hf_attention, "_said", fresh)
    return fresh


# ----------------------------------------------------------------- registration


def test_import_kvcc_registers_without_importing_transformers():
    code = ("import sys, kvcc\n"
            "assert 'transformers' not in sys.modules\n"
            "import transformers\n"
            "from transformers import AttentionInterface, LlamaConfig, LlamaForCausalLM\n"
            "from transformers.masking_utils import AttentionMaskInterface as M\n"
            "assert 'kvcc' in AttentionInterface._global_mapping and 'kvcc' in M._global_mapping\n"
            "cfg = LlamaConfig(hidden_size=32, intermediate_size=64, num_attention_heads=2,\n"
            "                  num_hidden_layers=1, vocab_size=64)\n"
            "m = LlamaForCausalLM._from_config(cfg, attn_implementation='kvcc')\n"
            "print(m.config._attn_implementation, type(m.model.layers[0].self_attn).__name__)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, TRITON_INTERPRET="0"))
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.split() == ["kvcc", "LlamaAttention"]


def test_transformers_loaded_first_registers_at_import():
    code = ("import transformers.modeling_utils as mu, transformers.masking_utils as ma\n"
            "assert 'kvcc' not in mu.AttentionInterface._global_mapping\n"
            "import kvcc\n"
            "assert 'kvcc' in mu.AttentionInterface._global_mapping\n"
            "assert 'kvcc' in ma.AttentionMaskInterface._global_mapping\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]


# ----------------------------------------------------------------- forward and generate


@pytest.mark.parametrize("impl", IMPLS)
def test_forward_matches_eager(model, impl):
    ids, am = batch()
    want = logits(model, "eager", ids, am)
    got = logits(model, impl, ids, am)
    real = am.bool()  # pad positions' outputs are not defined (kvcc gives their rows 0)
    torch.testing.assert_close(got[real], want[real], atol=2e-5, rtol=1e-5)


@pytest.mark.parametrize("impl", IMPLS)
def test_generate_matches_eager(model, impl):
    ids, am = batch()
    assert greedy(model, impl, ids, am) == greedy(model, "eager", ids, am)


def test_the_window_and_the_softcap_matter():
    """The models' windows and softcap change the logits: the tests above see them."""
    ids, am = batch()
    real = am.bool()
    for name, drop in (("mistral", dict(sliding_window=None)),
                       ("qwen2", dict(use_sliding_window=False)),
                       ("gemma2", dict(attn_logit_softcapping=None))):
        a = logits(make_model(name), "eager", ids, am)[real]
        b = logits(make_model(name, **drop), "eager", ids, am)[real]
        assert (a - b).abs().max() > 0.1, name


def test_bidirectional_matches_eager():
    """A decoder configured non-causal (``is_causal=False``): full attention with padding."""
    ids, am = batch()
    real = am.bool()
    m = make_model("llama", is_causal=False)
    want = logits(m, "eager", ids, am)[real]
    torch.testing.assert_close(logits(m, "kvcc", ids, am)[real], want, atol=2e-5, rtol=1e-5)
    assert (want - logits(make_model("llama"), "eager", ids, am)[real]).abs().max() > 0.1


def test_masks_reach_kvcc_as_algebra(monkeypatch):
    """Windows and padding arrive as kvcc masks (tile skipping applies), not dense tensors."""
    seen = []
    engine = hf_attention._engine[0]

    def spy(q, k, v, *, mask, **kw):
        seen.append(mask)
        return engine(q, k, v, mask=mask, **kw)

    monkeypatch.setattr(hf_attention, "_engine", [spy])
    ids, am = batch()
    logits(make_model("mistral"), "kvcc", ids, am)
    assert len(seen) == 2
    assert all(any(isinstance(n, SlidingWindow) and n.size == 4 for n in walk(m)) for m in seen)
    assert all("page_select" in str(m) for m in seen)  # the padding, per key


def test_static_cache_generate():
    """A static cache's empty slots are cut off; the rest is causal (no fallback)."""
    m = make_model("llama")
    ids, am = batch()
    want = greedy(m, "eager", ids, am, cache_implementation="static")
    assert greedy(m, "kvcc", ids, am, cache_implementation="static") == want


# ----------------------------------------------------------------- fallbacks


def test_additive_float_mask_falls_back(said, caplog):
    m = make_model("llama")
    ids, _ = batch()
    bias = torch.randn(2, 1, PROMPT, PROMPT, generator=torch.Generator().manual_seed(2))
    bias = bias.triu(1).masked_fill(torch.ones(PROMPT, PROMPT).triu(1).bool(), -1e9).to(DEV)
    with caplog.at_level(logging.WARNING, logger="kvcc"):
        got = logits(m, "kvcc", ids, bias)
        logits(m, "kvcc", ids, bias)
    want = logits(m, "eager", ids, bias)
    torch.testing.assert_close(got, want, atol=2e-5, rtol=1e-5)
    lines = [r.getMessage() for r in caplog.records if r.name == "kvcc"]
    assert lines == ["kvcc attention: a additive float 4D attention_mask given as a tensor: a torch "
                     "attention runs"]


def test_unknown_mask_function_falls_back(said, caplog):
    """A pattern kvcc's mask function does not recognize is kept dense and run in torch."""
    from transformers.masking_utils import create_causal_mask

    m = make_model("llama")
    m.set_attn_implementation("kvcc")
    ids, am = batch()
    emb = m.model.embed_tokens(ids)
    mask = create_causal_mask(m.config, emb, am.bool(), None,
                              or_mask_function=lambda b, h, q, kv: kv < 2)
    assert isinstance(mask, HFMask) and mask.pattern is None and mask.dense is not None
    q = torch.randn(2, 4, PROMPT, 16, device=DEV)
    k, v = (torch.randn(2, 2, PROMPT, 16, device=DEV) for _ in range(2))
    attn = m.model.layers[0].self_attn
    with caplog.at_level(logging.WARNING, logger="kvcc"):
        got, _ = hf_attention.attention_forward(HFOptions(), attn, q, k, v, mask)
    from transformers.integrations.sdpa_attention import sdpa_attention_forward

    want, _ = sdpa_attention_forward(attn, q, k, v, mask.dense)
    real = mask.dense.any(-1)[:, 0]  # rows that see a key ([B, Sq])
    torch.testing.assert_close(got[real], want[real], atol=1e-5, rtol=1e-5)
    assert any("not causal, a causal window or full" in r.getMessage() for r in caplog.records)


def test_dropout_in_training_falls_back_and_matches_eager(said, caplog):
    m = make_model("llama", attention_dropout=0.3)
    m.train()
    ids, am = batch()
    real = am.bool()
    with caplog.at_level(logging.WARNING, logger="kvcc"):
        torch.manual_seed(5)
        got = logits(m, "kvcc", ids, am)
    torch.manual_seed(5)
    want = logits(m, "eager", ids, am)
    torch.testing.assert_close(got[real], want[real], atol=2e-5, rtol=1e-5)
    assert [r.getMessage() for r in caplog.records if r.name == "kvcc"] == [
        "kvcc attention: dropout=0.3 while training: a torch attention runs (kvcc has no dropout)"]


@pytest.mark.parametrize("impl", IMPLS)
def test_gradients_match_eager(impl, said):
    m = make_model("mistral")
    m.train()
    ids, am = batch()
    labels = ids.masked_fill(~am.bool(), -100)
    labels[1, 3] = -100  # predicted from a pad position, whose output is not defined
    grads = {}
    for name in (impl, "eager"):
        m.zero_grad()
        m.set_attn_implementation(name)
        out = m(ids, attention_mask=am, labels=labels)
        out.loss.backward()
        grads[name] = m.model.layers[0].self_attn.q_proj.weight.grad.clone()
    torch.testing.assert_close(grads[impl], grads["eager"], atol=1e-5, rtol=1e-4)


# ----------------------------------------------------------------- KVCCCache


@pytest.mark.parametrize("impl", IMPLS)
def test_kvcc_cache_generate_matches_eager(model, impl):
    ids, am = batch()
    backend = "triton" if impl == TRITON else "auto"
    cache = KVCCCache(model.config, max_cache_len=32, backend=backend)
    assert greedy(model, "kvcc", ids, am, cache=cache) == greedy(model, "eager", ids, am)
    kv = cache.kvcache
    # pads are not stored: 10 + 5 and 7 + 5 tokens (the last token is not fed back)
    assert [kv.length(s) for s in cache.seqs] == [15, 12]
    assert cache.get_seq_length() == 15  # transformers counts the padded positions


def test_kvcc_cache_forward_logits_and_beams():
    m = make_model("mistral")
    ids, am = batch()
    real = am.bool()
    want = logits(m, "eager", ids, am)
    got = logits(m, "kvcc", ids, am, cache=KVCCCache(m.config, max_cache_len=16))
    torch.testing.assert_close(got[real], want[real], atol=2e-5, rtol=1e-5)
    # beam search reorders rows by fork/free
    cache = KVCCCache(m.config, max_cache_len=32)
    assert greedy(m, "kvcc", ids, am, num_beams=3, cache=cache) == \
        greedy(m, "eager", ids, am, num_beams=3)
    assert len(cache.seqs) == 6


@pytest.mark.parametrize("backend", ["reference", pytest.param("triton", marks=needs_triton)])
def test_quantized_cache_int8(backend):
    """int8 (a scale and zero per token and head): bounded error, and the kernels decode
    exactly what kvcc's reference decodes over the same stored cache."""
    m = make_model("llama")
    ids, am = batch()
    real = am.bool()
    fmt = kvcc.quant.int8()
    cache = KVCCCache(m.config, max_cache_len=16, kv_format=fmt, backend=backend)
    got = logits(m, "kvcc", ids, am, cache=cache)
    eager_cache = transformers.DynamicCache(config=m.config)
    want = logits(m, "eager", ids, am, cache=eager_cache)
    # layer 0's stored K/V (its inputs are not yet touched by quantized attention) against
    # eager's within int8's rounding: half a step of (max - min) / 255 (1% for the
    # float16 scale)
    k, v = cache.kvcache.read(cache.seqs[1], 0)  # the padded row: its 7 real tokens
    for stored, full in ((k, eager_cache.layers[0].keys), (v, eager_cache.layers[0].values)):
        ref = full[1, :, 3:].transpose(0, 1)  # [7, Hkv, D]
        step = (ref.amax(-1, keepdim=True) - ref.amin(-1, keepdim=True)) / 255
        assert ((stored - ref).abs() <= 0.505 * step + 1e-6).all()
    # logits: measured max error 0.016 of logits up to 2.8 (development CPU)
    assert (got[real] - want[real]).abs().max() < 0.05
    tokens = greedy(m, "kvcc", ids, am, n=8,
                    cache=KVCCCache(m.config, max_cache_len=32, kv_format=fmt, backend=backend))
    ref_tokens = greedy(m, "kvcc", ids, am, n=8,
                        cache=KVCCCache(m.config, max_cache_len=32, kv_format=fmt,
                                        backend="reference"))
    assert tokens == ref_tokens


# ----------------------------------------------------------------- bad inputs


def test_bad_inputs():
    m = make_model("llama")
    ids, am = batch()
    with pytest.raises(ValueError, match="attn_implementation='kvcc'"):
        greedy(m, "eager", ids, am, cache=KVCCCache(m.config, max_cache_len=32))
    for kw, match in ((dict(max_cache_len=0), "max_cache_len"),
                      (dict(max_cache_len=8, page_size=2.5), "page_size"),
                      (dict(max_cache_len=8, backend="tvm"), "backend"),
                      (dict(max_cache_len=8, kv_format="int8"), "kv_format")):
        with pytest.raises((ValueError, TypeError), match=match):
            KVCCCache(m.config, **kw)
    with pytest.raises(ValueError, match="num_hidden_layers"):
        KVCCCache(object(), max_cache_len=8)
    with pytest.raises(ValueError, match="hub kernels"):
        register("org/kernel")
    with pytest.raises(ValueError, match="backend"):
        HFOptions(backend="tvm")
    attn = m.model.layers[0].self_attn
    q, k = torch.randn(1, 4, 5, 16), torch.randn(1, 2, 5, 16)
    with pytest.raises(TypeError, match="kvcc's mask function"):
        hf_attention.attention_forward(HFOptions(), attn, q, k, k, object())
    with pytest.raises(ValueError, match=r"\[B, H, S, D\]"):
        hf_attention.attention_forward(HFOptions(), attn, q[0], k, k, None)
    small = HFMask(1, 3, 3, 3, kvcc.masks.causal())
    with pytest.raises(ValueError, match="other sizes"):
        hf_attention.attention_forward(HFOptions(), attn, q, k, k, small)
    # a cache holds one batch; crop cannot roll back; a window needs left padding
    cache = KVCCCache(m.config, max_cache_len=32)
    logits(m, "kvcc", ids, am, cache=cache)
    with pytest.raises(ValueError, match="reset"):
        logits(m, "kvcc", ids[:1], am[:1], cache=cache)
    with pytest.raises(NotImplementedError, match="DynamicCache"):
        cache.crop(-1)
    with pytest.raises(ValueError, match="no_grad"):
        m(ids, attention_mask=am, cache=cache)  # gradients through the pages: refused
    cache.reset()
    logits(m, "kvcc", ids[:1], am[:1], cache=cache)  # a new batch after reset
    mis = make_model("mistral")
    right = am.flip(1)
    with pytest.raises(ValueError, match="pad on the left"):
        logits(mis, "kvcc", ids, right, cache=KVCCCache(mis.config, max_cache_len=32))
