"""Sentiment classifier: a small example project for mlsec."""
