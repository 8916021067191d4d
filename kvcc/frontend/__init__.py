"""Frontends: turn attention calls and model graphs into kvcc IR.

``lower_attention_call`` validates one ``kvcc.attention`` call and builds its module;
``lower_graph`` rewrites the attention regions of a Dynamo FX graph to kvcc calls, and
``kvcc_backend`` is the ``torch.compile(model, backend="kvcc")`` backend built on it
(importing these loads neither Dynamo nor Triton); ``AutoChunk`` computes an FX graph's
activation peak in slices under a memory budget."""

from kvcc.frontend.attention_call import AttentionCall, lower_attention_call
from kvcc.frontend.autochunk import AutoChunk, AutoChunkError, estimate_peak
from kvcc.frontend.dynamo import CompileOptions, kvcc_backend
from kvcc.frontend.fx_lower import LoweringReport, lower_graph

__all__ = ["AttentionCall", "AutoChunk", "AutoChunkError", "CompileOptions", "LoweringReport",
           "estimate_peak", "kvcc_backend", "lower_attention_call", "lower_graph"]
