"""Python client of a Sturdy deployment: see clients/python/README.md."""

from .client import Answer, SturdyClient, SturdyError

__all__ = ["Answer", "SturdyClient", "SturdyError"]
