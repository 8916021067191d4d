"""Small built-in models used by the demo and the tests (random weights, no downloads),
and greedy generation through a KV cache."""

from kvcc.models.generate import Generation, generate, generate_reference
from kvcc.models.tiny import TinyConfig, TinyDecoder

__all__ = ["Generation", "TinyConfig", "TinyDecoder", "generate", "generate_reference"]
