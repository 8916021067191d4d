"""Small built-in models used by the demo and the tests (random weights, no downloads)."""

from kvcc.models.tiny import TinyConfig, TinyDecoder

__all__ = ["TinyConfig", "TinyDecoder"]
