"""A who's-online HTTP service on the presence-engine package."""

from .app import create_app

__all__ = ["create_app"]
