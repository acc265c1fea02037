"""In-memory adapters: every port, for tests and small demos."""
