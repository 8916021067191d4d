"""Lowering attention from Dynamo FX graphs (kvcc/frontend/fx_*.py): every SDPA form and
the common hand-written spellings become one kvcc call with the mask of kvcc's algebra
(so tile skipping applies); what kvcc cannot read exactly stays as written, with a
reason. Each case compares the compiled function with eager mode."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

import kvcc  # noqa: F401  (registers the kvcc ops)
from kvcc.frontend.fx_lower import lower_graph


def rnd(*shape, seed=0, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g).to(dtype)


def qkv(b=2, hq=4, hkv=4, sq=12, skv=12, d=16, seed=0, dtype=torch.float32):
    return (rnd(b, hq, sq, d, seed=seed, dtype=dtype), rnd(b, hkv, skv, d, seed=seed + 1, dtype=dtype),
            rnd(b, hkv, skv, d, seed=seed + 2, dtype=dtype))


def lower(fn, *args, dynamic=None):
    """Compile ``fn`` with a backend that lowers and runs the graph as is; returns the
    output and the lowering reports, one per graph."""
    torch._dynamo.reset()
    reports = []

    def backend(gm, example_inputs):
        reports.append(lower_graph(gm, backend="reference"))
        return gm.forward

    out = torch.compile(fn, backend=backend, fullgraph=True, dynamic=dynamic)(*args)
    return out, reports


def check(fn, *args, masks=None, fallbacks=0, atol=2e-6, dynamic=None):
    """Compiled equals eager; the lowered masks are ``masks`` (texts), ``fallbacks``
    regions are left as written."""
    got, reports = lower(fn, *args, dynamic=dynamic)
    want = fn(*args)
    assert len(reports) == 1
    r = reports[0]
    assert [x.mask for x in r.lowered] == (masks or []), r
    assert len(r.fallbacks) == fallbacks, r
    got, want = (x if isinstance(x, tuple) else (x,) for x in (got, want))
    for g, w in zip(got, want):
        assert g.shape == w.shape and g.dtype == w.dtype
        assert (g.float() - w.float()).abs().max() <= atol
    return r


def causal_bool(s, t=None, device="cpu"):
    return torch.ones(s, t or s, dtype=torch.bool, device=device).tril()


# ---------------------------------------------------------------- SDPA


def test_sdpa_plain_scale_and_dropout_zero():
    check(lambda q, k, v: F.scaled_dot_product_attention(q, k, v), *qkv(), masks=["full"])
    check(lambda q, k, v: F.scaled_dot_product_attention(q, k, v, scale=0.3, dropout_p=0.0),
          *qkv(), masks=["full"])


def test_sdpa_is_causal_square_and_top_left():
    check(lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True), *qkv(),
          masks=["causal"])
    # SDPA's is_causal is top-left aligned when there are more keys than queries
    check(lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True),
          *qkv(sq=5, skv=12), masks=["causal(top_left)"])


def test_sdpa_enable_gqa():
    check(lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True),
          *qkv(hq=4, hkv=2), masks=["causal"])


def test_sdpa_boolean_masks_built_in_the_graph():
    def tril(q, k, v):
        m = torch.ones(q.shape[2], k.shape[2], dtype=torch.bool).tril(diagonal=k.shape[2] - q.shape[2])
        return F.scaled_dot_product_attention(q, k, v, attn_mask=m)

    check(tril, *qkv(sq=5, skv=12), masks=["causal"])

    def window(q, k, v):
        i = torch.arange(q.shape[2])[:, None]
        j = torch.arange(k.shape[2])[None, :]
        return F.scaled_dot_product_attention(q, k, v, attn_mask=(j <= i) & (i - j < 4))

    check(window, *qkv(), masks=["sliding_window(4)"])


def test_sdpa_additive_masks():
    def triu(q, k, v):
        s = q.size(2)
        return F.scaled_dot_product_attention(q, k, v, attn_mask=torch.full((s, s), float("-inf")).triu(1))

    check(triu, *qkv(), masks=["causal"])

    def finfo(q, k, v):  # a large finite fill, 4-D, as model code often builds it
        s = q.size(2)
        hide = ~torch.ones(s, s, dtype=torch.bool).tril()
        m = torch.zeros(s, s).masked_fill(hide, torch.finfo(q.dtype).min)
        return F.scaled_dot_product_attention(q, k, v, attn_mask=m[None, None])

    check(finfo, *qkv(), masks=["causal"])


def test_sdpa_document_ids_and_key_padding_from_inputs():
    def doc(q, k, v, ids):
        return F.scaled_dot_product_attention(q, k, v, attn_mask=(ids[:, None] == ids[None, :]).tril())

    ids = torch.tensor([0] * 5 + [1] * 4 + [2] * 3)
    check(doc, *qkv(), ids, masks=["causal & document(%mask0)"])

    def pad(q, k, v, keep):  # keep: [B, S] bool, True for real tokens
        return F.scaled_dot_product_attention(q, k, v, attn_mask=keep[:, None, None, :])

    keep = torch.ones(2, 12, dtype=torch.bool)
    keep[1, 9:] = False
    check(pad, *qkv(), keep, masks=["page_select(1, %mask0)"])

    def pad_int(q, k, v, am):  # an int attention_mask: 1 keep, 0 padding
        return F.scaled_dot_product_attention(q, k, v, attn_mask=am[:, None, None, :].bool(), is_causal=False)

    check(pad_int, *qkv(), keep.long(), masks=["page_select(1, %mask0)"])

    def gathered(q, k, v, am):  # indexed by batch and key index tensors, as transformers does
        b, s = am.shape
        rows = torch.arange(b)[:, None, None, None]
        kv = torch.arange(s)[None, None, None, :]
        causal = kv <= torch.arange(s)[None, None, :, None]
        return F.scaled_dot_product_attention(q, k, v, attn_mask=causal & am.bool()[rows, kv])

    keep[0, 0] = False  # a key hidden from every row
    check(gathered, *qkv(), keep.long(), masks=["causal & page_select(1, %mask0)"])


def test_sdpa_padded_causal_mask_as_model_code_builds_it():
    """A causal mask of finfo.min with padded keys filled in: rows that see a key equal
    SDPA; rows that see none (left padding) give 0, kvcc's rule."""
    def f(q, k, v, am):
        s = q.size(2)
        m = torch.full((s, s), torch.finfo(q.dtype).min).triu(1)[None, None].expand(2, 1, s, s)
        m = m.masked_fill(am[:, None, None, :] == 0, torch.finfo(q.dtype).min)
        return F.scaled_dot_product_attention(q, k, v, attn_mask=m)

    am = torch.ones(2, 12, dtype=torch.long)
    am[0, :3] = 0
    got, reports = lower(f, *qkv(), am)
    assert [x.mask for x in reports[0].lowered] == ["causal & ~page_select(1, %mask0)"]
    want = f(*qkv(), am)
    assert (got[1] - want[1]).abs().max() < 2e-6 and (got[0, :, 3:] - want[0, :, 3:]).abs().max() < 2e-6
    assert torch.equal(got[0, :, :3], torch.zeros_like(got[0, :, :3]))


def test_sdpa_mask_from_outside_the_graph_falls_back():
    m = causal_bool(12)
    r = check(lambda q, k, v, m: F.scaled_dot_product_attention(q, k, v, attn_mask=m), *qkv(), m,
              fallbacks=1)
    assert "cannot read it as a mask" in r.fallbacks[0].reason


def test_sdpa_dropout_falls_back():
    torch.manual_seed(0)
    q, k, v = qkv()
    got, reports = lower(lambda q, k, v: F.scaled_dot_product_attention(q, k, v, dropout_p=0.5), q, k, v)
    assert not reports[0].lowered and "dropout" in reports[0].fallbacks[0].reason


# ---------------------------------------------------------------- hand-written


def test_div_by_sqrt_and_additive_triu():
    def f(q, k, v):
        s = q.size(2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
        scores = scores + torch.triu(torch.full((s, s), float("-inf")), diagonal=1)
        return torch.softmax(scores, dim=-1) @ v

    check(f, *qkv(), masks=["causal"])


def test_prescaled_q_matmul_permute_masked_fill():
    def f(q, k, v):
        s = q.size(2)
        mask = torch.tril(torch.ones(s, s))
        scores = torch.matmul(q * q.size(-1) ** -0.5, k.permute(0, 1, 3, 2))
        scores = scores.masked_fill(mask == 0, float("-inf"))
        return torch.matmul(F.softmax(scores, dim=-1), v)

    check(f, *qkv(), masks=["causal"])


def test_mul_by_scale_mT_where_and_fp32_softmax():
    def f(q, k, v):
        s = q.size(2)
        keep = torch.ones(s, s, dtype=torch.bool).tril().triu(-2)  # a window of 3
        scores = (q @ k.mT) * 0.2
        scores = torch.where(keep, scores, torch.finfo(scores.dtype).min)
        return scores.float().softmax(-1).to(q.dtype) @ v

    check(f, *qkv(), masks=["sliding_window(3)"])


def test_where_with_a_tensor_fill():
    def f(q, k, v):
        s = q.size(2)
        keep = torch.ones(s, s, dtype=torch.bool).tril()
        scores = torch.where(keep, q @ k.transpose(-2, -1), torch.tensor(float("-inf")))
        return scores.softmax(-1) @ v

    check(f, *qkv(), masks=["causal"])


def test_einsum_and_dropout_off():
    def f(q, k, v):
        s = torch.einsum("bhqd,bhkd->bhqk", q, k) * 0.25
        p = F.dropout(s.softmax(dim=-1), p=0.1, training=False)
        return torch.einsum("bhqk,bhkd->bhqd", p, v)

    check(f, *qkv(), masks=["full"])


def test_fp16_softmax_in_fp32_cast_back():
    def f(q, k, v):
        s = q.size(2)
        scores = q @ k.transpose(2, 3) / 4.0
        scores = scores.masked_fill(~torch.ones(s, s, dtype=torch.bool, device=q.device).tril(), -torch.inf)
        return F.softmax(scores, dim=-1, dtype=torch.float32).type_as(q) @ v

    check(f, *qkv(dtype=torch.float16), masks=["causal"], atol=2e-3)


def test_gqa_by_repeat_interleave_and_expand_reshape():
    def rep(q, k, v):
        k, v = k.repeat_interleave(2, dim=1), torch.repeat_interleave(v, 2, dim=1)
        return (q @ k.transpose(-2, -1) * 0.25).softmax(-1) @ v

    def repeat_kv(x, n):
        b, h, s, d = x.shape
        return x[:, :, None, :, :].expand(b, h, n, s, d).reshape(b, h * n, s, d)

    def hf(q, k, v):
        k, v = repeat_kv(k, 2), repeat_kv(v, 2)
        return (q @ k.transpose(2, 3) * 0.25).softmax(-1) @ v

    for f in (rep, hf):
        got, reports = lower(f, *qkv(hq=4, hkv=2))
        assert (got - f(*qkv(hq=4, hkv=2))).abs().max() < 2e-6
        code = reports[0].lowered and _graph_code(f, *qkv(hq=4, hkv=2))
        assert "repeat_interleave" not in code and "expand" not in code  # kvcc sees Hkv = 2


def _graph_code(fn, *args) -> str:
    torch._dynamo.reset()
    codes = []

    def backend(gm, example_inputs):
        lower_graph(gm, backend="reference")
        codes.append(gm.code)
        return gm.forward

    torch.compile(fn, backend=backend, fullgraph=True)(*args)
    return codes[0]


def test_type_as_scores_and_batched_document_ids():
    def f(q, k, v, ids):  # ids [B, S]: a packed batch, one row of document ids per sequence
        scores = q @ k.transpose(-2, -1) / 4.0
        same = (ids[:, :, None] == ids[:, None, :])[:, None]
        scores = scores.masked_fill(~same, float("-inf"))
        return F.softmax(scores.float(), dim=-1).type_as(scores) @ v

    ids = torch.tensor([[0] * 6 + [1] * 6, [0] * 3 + [1] * 9])
    check(f, *qkv(), ids, masks=["document(%mask0)"])
    assert "matmul" not in _graph_code(f, *qkv(), ids)  # type_as read only the dtype


def test_softcap():
    def f(q, k, v):
        s = q @ k.transpose(-2, -1) * 0.25
        s = torch.tanh(s / 5.0) * 5.0
        i = torch.arange(s.shape[-1])
        s = s.masked_fill(i[None, :] > i[:, None], float("-inf"))
        return s.softmax(-1) @ v

    check(f, *qkv(), masks=["causal"])


def test_three_dim_bmm_attention():
    def f(q, k, v):
        return torch.bmm(torch.softmax(torch.bmm(q, k.transpose(1, 2)) / 4.0, dim=-1), v)

    q, k, v = (x.flatten(0, 1) for x in qkv())
    check(f, q, k, v, masks=["full"])


def test_streaming_and_prefix_masks():
    def streaming(q, k, v):
        i = torch.arange(q.shape[2]).unsqueeze(-1)
        j = torch.arange(k.shape[2]).unsqueeze(0)
        keep = (j <= i) & ((j < 2) | (i - j < 4))
        return F.scaled_dot_product_attention(q, k, v, attn_mask=keep)

    check(streaming, *qkv(), masks=["causal & (sinks(2) | sliding_window(4))"])

    def streaming_br(q, k, v):  # queries at the end of the keys (chunked prefill)
        sq, skv = q.shape[2], k.shape[2]
        i = torch.arange(sq)[:, None] + (skv - sq)
        j = torch.arange(skv)[None, :]
        keep = (j <= i) & ((j < 2) | (i - j < 4))
        return F.scaled_dot_product_attention(q, k, v, attn_mask=keep)

    check(streaming_br, *qkv(sq=5, skv=12), masks=["causal & (sinks(2) | sliding_window(4))"])

    def prefix(q, k, v):
        s = q.shape[2]
        j = torch.arange(s)
        keep = torch.ones(s, s, dtype=torch.bool).tril() | (j < 3)
        return F.scaled_dot_product_attention(q, k, v, attn_mask=keep)

    check(prefix, *qkv(), masks=["causal | sinks(3)"])


# ---------------------------------------------------------------- left as written


def test_returned_probabilities_fall_back():
    def f(q, k, v):
        p = (q @ k.transpose(-2, -1) * 0.25).softmax(-1)
        return p @ v, p

    r = check(f, *qkv(), fallbacks=1)
    assert "used elsewhere" in r.fallbacks[0].reason


def test_mask_before_softcap_falls_back():
    def f(q, k, v):
        s = q.size(2)
        scores = q @ k.transpose(-2, -1) + torch.full((s, s), float("-inf")).triu(1)
        return (torch.tanh(scores / 5.0) * 5.0).softmax(-1) @ v

    r = check(f, *qkv(), fallbacks=1)
    assert "softcap" in r.fallbacks[0].reason


def test_mask_changed_in_place_falls_back():
    def f(q, k, v):
        s = q.size(2)
        m = torch.full((s, s), float("-inf"))
        m.triu_(1)
        return ((q @ k.transpose(-2, -1) * 0.25) + m).softmax(-1) @ v

    r = check(f, *qkv(), fallbacks=1)
    assert "in place" in r.fallbacks[0].reason


def test_key_written_in_place_inside_the_attention_falls_back():
    def f(q, k, v):
        k2 = k.clone()
        scores = q @ k2.transpose(-2, -1) * 0.25
        k2.mul_(2)  # after q @ k: kvcc, reading k where the attention ends, would see this
        return scores.softmax(-1) @ v

    r = check(f, *qkv(), fallbacks=1)
    assert "in place" in r.fallbacks[0].reason


def test_unrecognized_masks_fall_back():
    def shifted(q, k, v):  # a diagonal offset that is neither alignment
        m = torch.ones(q.shape[2], k.shape[2], dtype=torch.bool).tril(diagonal=2)
        return F.scaled_dot_product_attention(q, k, v, attn_mask=m)

    check(shifted, *qkv(), fallbacks=1)

    def float_int_mask(q, k, v, am):  # (1 - mask) * min: values kvcc cannot know are 0/1
        m = (1.0 - am[:, None, None, :].float()) * torch.finfo(torch.float32).min
        return F.scaled_dot_product_attention(q, k, v, attn_mask=m)

    check(float_int_mask, *qkv(), torch.ones(2, 12, dtype=torch.long), fallbacks=1)


def test_softmax_that_is_not_attention_is_ignored():
    def f(x, w):
        return torch.softmax(x @ w, dim=-1).sum(-1)

    _, reports = lower(f, rnd(4, 8), rnd(8, 8, seed=1))
    assert not reports[0].lowered and not reports[0].fallbacks


# ---------------------------------------------------------------- symbolic lengths


@pytest.mark.parametrize("dynamic", [True, None])
def test_lengths_stay_symbolic(dynamic):
    """New lengths reuse the graph: the mask is read for every length at once."""
    def f(q, k, v):
        s = q.size(2)
        scores = q @ k.transpose(-2, -1) / 4.0 + torch.full((s, s), float("-inf")).triu(1)
        return scores.softmax(-1) @ v

    torch._dynamo.reset()
    graphs = []

    def backend(gm, example_inputs):
        graphs.append(lower_graph(gm, backend="reference"))
        return gm.forward

    cf = torch.compile(f, backend=backend, dynamic=dynamic)
    for s in (8, 11, 13, 17, 24):
        args = qkv(sq=s, skv=s, seed=s)
        assert (cf(*args) - f(*args)).abs().max() < 2e-6
    assert len(graphs) == (1 if dynamic else 2)  # automatic dynamic: one recompile
    assert all(g.lowered and g.lowered[0].mask == "causal" for g in graphs)
    if dynamic:  # the head dim is specialized (kvcc checks it): another one recompiles
        args = qkv(sq=9, skv=9, d=32)
        assert (cf(*args) - f(*args)).abs().max() < 2e-6 and len(graphs) == 2
