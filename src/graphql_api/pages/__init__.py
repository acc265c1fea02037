"""The Manage Classes page and its static assets."""

from graphql_api.pages.routes import page_routes

__all__ = ["page_routes"]
