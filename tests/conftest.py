import os

# Generated kernels write NaN-poisoned outputs in tests: an unwritten row cannot pass.
os.environ.setdefault("KVCC_DEBUG_POISON", "1")

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "kvcc", deadline=None, max_examples=int(os.environ.get("KVCC_HYPOTHESIS_EXAMPLES", "60")),
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("kvcc")


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite the expected output of golden IR tests")


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")
