"""Semantic rules: what the schema cannot say. Each module exposes ``check(ctx)``."""
