"""The "kvcc" attention function for transformers' ``AttentionInterface``.

transformers calls ``fn(module, query, key, value, attention_mask, dropout=, scaling=,
sliding_window=, softcap=, **kwargs)`` with q/k/v ``[B, H, S, D]`` (GQA: fewer K/V
heads) and wants ``(out [B, S, Hq, D], weights or None)``. The mask comes from kvcc's
mask function (:mod:`kvcc.integrations.hf_masks`) as an :class:`HFMask`: its pattern
(causal, a causal window, full) and padding become one mask of kvcc's algebra, and the
call runs ``kvcc.attention`` (tiles the mask excludes are skipped). With no mask the
module's ``is_causal`` and the ``sliding_window=`` argument say what to attend (as a
flash kernel would read them); with a mask, the mask decides, as in eager attention.

What kvcc cannot express runs a plain torch attention instead (correct, not fast), and
says why once through ``logging.getLogger("kvcc")``: dropout while training, a mask
that is none of kvcc's patterns (an :class:`HFMask` carrying its dense form), a 4D mask
given directly (boolean or additive float). Gradients through the generated kernels do
not exist (they are forward only): a call that needs them runs kvcc's reference backend,
which is differentiable.

K/V coming from a :class:`~kvcc.integrations.hf_cache.KVCCCache` are only the step's new
tokens, marked with their cache layer: the call then appends them to the paged cache
and attends over it there.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

import torch

from kvcc import masks as M
from kvcc.integrations.hf_masks import HFMask
from kvcc.ir.mask import Mask, evaluate

DEFAULT_NAME = "kvcc"
BACKENDS = ("auto", "reference", "triton")

log = logging.getLogger("kvcc")
_said: set[str] = set()
_engine: list[Callable] = []  # kvcc.attention, given by the package (kvcc/__init__.py)
REGISTERED: dict[str, HFOptions] = {}  # attention names registered with transformers


def set_engine(engine: Callable) -> None:
    """The attention engine, ``kvcc.attention`` (given from above: this layer is below it)."""
    _engine[:] = [engine]


def say_once(reason: str) -> None:
    """One line to ``logging.getLogger("kvcc")``, once per distinct reason."""
    if reason not in _said:
        _said.add(reason)
        log.warning("kvcc attention: %s", reason)


@dataclass(frozen=True)
class HFOptions:
    """How a registered name runs: ``backend`` (``"auto"``: generated kernels on CUDA, the
    reference elsewhere; ``"triton"``; ``"reference"``) and the pass ``pipeline``."""

    backend: str = "auto"
    pipeline: str = "simplify-masks"

    def __post_init__(self) -> None:
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, got {self.backend!r}")
        if not isinstance(self.pipeline, str):
            raise TypeError(f"pipeline must be a pass pipeline string, got "
                            f"{type(self.pipeline).__name__}")


def attention_forward(options: HFOptions, module: torch.nn.Module, query: torch.Tensor,
                      key: torch.Tensor, value: torch.Tensor, attention_mask: object,
                      dropout: float = 0.0, scaling: float | None = None,
                      sliding_window: int | None = None, softcap: float | None = None,
                      is_causal: bool | None = None, **kwargs) -> tuple[torch.Tensor, None]:
    """transformers' attention-function signature, run by kvcc (see the module docstring)."""
    for name, t in (("query", query), ("key", key), ("value", value)):
        if not isinstance(t, torch.Tensor) or t.dim() != 4:
            raise ValueError(f"kvcc attention: {name} must be a [B, H, S, D] tensor, got "
                             f"{tuple(t.shape) if isinstance(t, torch.Tensor) else type(t).__name__}")
    if kwargs.get("output_attentions"):
        say_once("output_attentions: kvcc does not return attention weights (None)")
    training = dropout > 0 and getattr(module, "training", False)
    layer = getattr(key, "_kvcc_layer", None)
    if layer is not None:  # new tokens of a KVCCCache layer: attend over its pages
        if training:
            raise ValueError("kvcc attention: dropout in training is not supported with a "
                             "KVCCCache; train without a cache")
        causal = _module_causal(module, is_causal)
        out = layer.attend(query, key, value, attention_mask, scaling, softcap,
                           sliding_window, causal)
        return out, None
    mask, reason = _kvcc_mask(attention_mask, module, is_causal, sliding_window, query, key)
    if mask is not None and isinstance(attention_mask, HFMask) and \
            attention_mask.kv_used < key.shape[2]:  # a static cache's empty slots
        key, value = (t[:, :, :attention_mask.kv_used] for t in (key, value))
    if training or mask is None:
        scale = 1 / math.sqrt(query.shape[-1]) if scaling is None else scaling
        if training:
            say_once(f"dropout={dropout} while training: a torch attention runs (kvcc has no "
                     "dropout)")
        else:
            say_once(f"{reason}: a torch attention runs")
        dense = _dense(attention_mask, mask, sliding_window, query, key)
        return fallback(query, key, value, dense, scale, softcap,
                        dropout if training else 0.0), None
    backend = options.backend
    if torch.is_grad_enabled() and any(t.requires_grad for t in (query, key, value)) \
            and backend != "reference":
        say_once("gradients: the generated kernels are forward only; kvcc's reference backend "
                 "runs (differentiable)")
        backend = "reference"
    if not _engine:
        raise RuntimeError("kvcc attention: no engine; import kvcc (its __init__ gives "
                           "kvcc.attention to this module)")
    out = _engine[0](query, key, value, mask=mask, scale=scaling, softcap=softcap,
                     backend=backend, pipeline=options.pipeline)
    return out.transpose(1, 2), None


def _module_causal(module: torch.nn.Module, is_causal: bool | None) -> bool:
    return bool(getattr(module, "is_causal", True) if is_causal is None else is_causal)


def _check_sizes(mask: HFMask, query: torch.Tensor, key: torch.Tensor) -> None:
    if (mask.q_len, mask.kv_len) != (query.shape[2], key.shape[2]) or \
            mask.batch not in (query.shape[0], 1):
        raise ValueError(f"kvcc attention: the mask is {list(mask.shape)} but query and key are "
                         f"{list(query.shape)} and {list(key.shape)} (a mask built for other sizes)")


def _kvcc_mask(attention_mask: object, module, is_causal, window, query, key
               ) -> tuple[Mask | None, str]:
    """The call's mask in kvcc's algebra, or None and why not."""
    if isinstance(attention_mask, HFMask):
        _check_sizes(attention_mask, query, key)
        if attention_mask.pattern is None:
            return None, attention_mask.reason
        return attention_mask.kvcc_mask(), ""
    if attention_mask is None:
        causal = _module_causal(module, is_causal)
        if not causal:
            if window is not None:
                return None, "a bidirectional sliding window (no mask given)"
            return M.full(), ""
        return (M.sliding_window(int(window)) if window is not None else M.causal()), ""
    if isinstance(attention_mask, torch.Tensor):
        if attention_mask.dim() != 4:
            raise ValueError(f"kvcc attention: attention_mask must be 4D [B, 1 or H, Sq, Skv] "
                             f"when a tensor, got shape {tuple(attention_mask.shape)}")
        kind = "boolean" if attention_mask.dtype == torch.bool else "additive float"
        return None, f"a {kind} 4D attention_mask given as a tensor"
    raise TypeError(f"kvcc attention: attention_mask must come from kvcc's mask function "
                    f"(load the model with attn_implementation='kvcc'), be a 4D tensor or None; "
                    f"got {type(attention_mask).__name__}")


def _dense(attention_mask: object, mask: Mask | None, window: int | None, query: torch.Tensor,
           key: torch.Tensor) -> torch.Tensor | None:
    """The mask as a tensor for the torch fallback (bool: visible; float: additive)."""
    q_len, kv_len = query.shape[2], key.shape[2]
    if mask is not None:
        return evaluate(mask, q_len, kv_len, device=query.device)
    if isinstance(attention_mask, HFMask):
        return attention_mask.dense
    if isinstance(attention_mask, torch.Tensor):
        return attention_mask
    # no mask, not causal, a window: transformers' bidirectional window
    qpos = torch.arange(q_len, device=query.device)[:, None] + (kv_len - q_len)
    kpos = torch.arange(kv_len, device=query.device)[None, :]
    return (qpos - kpos).abs() <= window


def fallback(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor | None,
             scale: float, softcap: float | None, dropout: float = 0.0) -> torch.Tensor:
    """Plain torch attention (fp32 softmax) -> ``[B, Sq, Hq, D]``; boolean masks hide
    keys (a row that sees none gives 0, kvcc's rule), float masks add."""
    group = q.shape[1] // k.shape[1]
    k, v = k.repeat_interleave(group, 1), v.repeat_interleave(group, 1)
    s = torch.matmul(q.float(), k.float().transpose(-1, -2)) * scale
    if softcap is not None:
        s = softcap * torch.tanh(s / softcap)
    if mask is not None and mask.dtype == torch.bool:
        s = s.masked_fill(~mask, float("-inf"))
    elif mask is not None:
        s = s + mask.float()
    p = torch.softmax(s, -1).nan_to_num(0.0)  # rows without keys: 0, not NaN
    if dropout:
        p = torch.nn.functional.dropout(p, dropout, training=True)
    return torch.matmul(p, v.float()).to(q.dtype).transpose(1, 2)


def make_attention(options: HFOptions) -> Callable:
    """The function registered under a name: :func:`attention_forward` bound to options."""
    fn = functools.partial(attention_forward, options)
    functools.update_wrapper(fn, attention_forward)
    return fn


def register_attention(interface: type, name: str, options: HFOptions | None = None) -> None:
    """Register kvcc's attention function under ``name`` with transformers'
    ``AttentionInterface`` (the class, given by the caller)."""
    options = options or HFOptions()
    interface.register(name, make_attention(options))
    REGISTERED[name] = options


__all__ = ["DEFAULT_NAME", "HFOptions", "REGISTERED", "attention_forward", "fallback",
           "make_attention", "register_attention", "say_once", "set_engine"]
