"""Package list for setuptools; everything else is in pyproject.toml.

The top-level ``resources/`` folder (schema, icons, style sheets, sample site) stays the one
copy of the data in the repository and is installed as the package ``editor.resources``, so
wheels, sdists, pipx, pre-commit's hook environment and editable installs all contain it.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["editor", "editor.*"]), "editor.resources"],
    package_dir={"editor.resources": "resources"},
)
