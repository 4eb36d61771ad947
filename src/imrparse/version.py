"""The installed version of imrparse, read from the package metadata."""

from __future__ import annotations

import importlib.metadata

__all__ = ["__version__"]

try:
    __version__ = importlib.metadata.version("imrparse")
except importlib.metadata.PackageNotFoundError:  # running from a source tree, not installed
    __version__ = "0.0.0+unknown"
