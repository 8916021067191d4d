"""Tuning and ahead-of-time artifacts for the generated kernels.

Two layers live here, and they import in one direction:

- **Lookup and loading** (what codegen may call): :mod:`keys` (a KernelSpec's tuning
  key with the tuned fields left out, shape buckets, device keys), :mod:`db` (the
  per-GPU JSON database: validation, merge, atomic locked writes), :mod:`lookup`
  (``tuned_tiles(spec, shape)``, memoized), :mod:`device` (the GPU, peak rates),
  :mod:`artifacts` and :mod:`prebuilt` (``kvcc compile`` output: checked, registered
  by ``kvcc.load_artifacts`` or ``$KVCC_ARTIFACTS``, launched from the cubin),
  :mod:`cpu` (the CPU's database key) and :mod:`tvm_space` (the TVM CPU kernels' tuned
  fields and the lookup each launch makes). They import only the IR and the backends'
  spec, build and emit modules.
- **Tuner and commands** (above codegen and the runtime): :mod:`specfile` (the TOML
  SPEC files of the command line), :mod:`problems` (SPEC configurations as the IR
  modules, kernel specs and inputs of kvcc's entry points), :mod:`space` (candidates),
  :mod:`cost` (a roofline model), :mod:`aot` (compiling in child processes),
  :mod:`bundle` (``kvcc compile``), :mod:`tuner` (``kvcc tune``: prune offline, measure
  on a GPU, record), :mod:`tvm_tune` (``kvcc tune --backend tvm``: a coordinate search
  of the TVM kernels' tiles measured on this CPU), :mod:`tvm_bundle` (``kvcc compile
  --backend tvm``), :mod:`versions`, :mod:`gpucheck` (the GPU check of artifacts).

Importing this package imports nothing; each module is imported on use.
"""
