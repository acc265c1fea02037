"""Strawberry types: plain fields copied from read models, resolvers only on edges."""
