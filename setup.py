# pre-commit's python hook (`procore-manifest` in .pre-commit-hooks.yaml)
# runs `pip install .` here: this placeholder only depends on the published
# wheel of the same version, so the hook installs a binary in seconds and
# never compiles (the wheel is built from python/pyproject.toml).
from setuptools import setup

PROCORE_MANIFEST_VERSION = "0.1.0"

setup(
    name="pre_commit_placeholder_package",
    version="0.0.0",
    install_requires=[f"procore-manifest=={PROCORE_MANIFEST_VERSION}"],
    py_modules=[],
)
