"""Backends: ``reference`` (plain torch, the ground truth), and generated-kernel
backends in their own folders as they land (``triton/``, ``tvm/``)."""
