"""Collects the wall time of every executed notebook and prints a table at the end of the run."""
import pytest

_TIMINGS = pytest.StashKey[list]()


@pytest.fixture
def nb_timings(request):
    """A list shared by the whole run; tests append (notebook, seconds, outcome)."""
    return request.config.stash.setdefault(_TIMINGS, [])


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    timings = config.stash.get(_TIMINGS, [])
    if not timings:
        return
    terminalreporter.section("notebook timings")
    width = max(len(name) for name, _, _ in timings)
    for name, seconds, outcome in timings:
        terminalreporter.write_line(f"{name:<{width}}  {seconds:7.1f} s  {outcome}")
    terminalreporter.write_line(f"{'total':<{width}}  {sum(s for _, s, _ in timings):7.1f} s")
