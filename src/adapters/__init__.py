"""Adapters: the technology behind the application's ports."""
