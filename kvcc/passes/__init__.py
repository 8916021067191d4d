"""Passes over the kvcc IR, the registry, and pipelines."""

from kvcc.passes.base import Pass, PassError, PassOptionError
from kvcc.passes.pipeline import DEFAULT_PIPELINE, PassRecord, Pipeline
from kvcc.passes.registry import PASSES

__all__ = ["DEFAULT_PIPELINE", "PASSES", "Pass", "PassError", "PassOptionError", "PassRecord", "Pipeline"]
