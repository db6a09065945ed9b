"""environment.yml (Binder) and requirements.txt (local .venv) must pin shared packages alike."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Packages that must be present, pinned, in both files: the ones a learner actually touches.
MUST_SHARE = {"jupyterlab", "jjava", "ipywidgets", "jupyterlab-widgets"}


def norm(name):
    """PEP 503 normalisation, so that jupyter_client and jupyter-client are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def split_spec(spec, source):
    """'name==1.2', 'name=1.2' (conda) or bare 'name' -> (normalised name, version or None)."""
    spec = spec.split("#", 1)[0].strip()
    m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:(==|=)\s*([^\s,;<>=!~*]+))?", spec)
    if not m:
        raise AssertionError(f"{source}: cannot read {spec!r}; pin it as name==version")
    return norm(m.group(1)), m.group(3)


def requirements_pins():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = split_spec(line, "requirements.txt")
            pins[name] = version
    return pins


def environment_pins():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = {}, {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for spec in dep.get("pip", []):
                name, version = split_spec(spec, "environment.yml (pip)")
                pip[name] = version
        else:
            name, version = split_spec(str(dep), "environment.yml")
            conda[name] = version
    return conda, pip


def test_requirements_pins_are_exact():
    loose = [name for name, version in requirements_pins().items() if version is None]
    assert not loose, f"requirements.txt: pin these with ==: {', '.join(loose)}"


def test_environment_only_uses_conda_forge():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    channels = [c for c in env.get("channels", []) if c != "nodefaults"]
    assert channels == ["conda-forge"], f"environment.yml: channels must be conda-forge only, not {channels}"


def test_shared_packages_have_the_same_versions():
    req = requirements_pins()
    conda, pip = environment_pins()
    env = {**conda, **pip}
    both = set(conda) & set(pip)
    assert not both, f"environment.yml lists {sorted(both)} both as conda and as pip packages"

    missing = [n for n in sorted(MUST_SHARE) if n not in req or n not in env]
    assert not missing, f"{missing} must be pinned in both requirements.txt and environment.yml"

    mismatches = []
    for name in sorted(set(req) & set(env)):
        where = "pip" if name in pip else "conda"
        if req[name] != env[name]:
            mismatches.append(f"{name}: requirements.txt has {req[name] or '(unpinned)'}, "
                              f"environment.yml ({where}) has {env[name] or '(unpinned)'}")
    assert not mismatches, "versions differ between the two files:\n  " + "\n  ".join(mismatches)
