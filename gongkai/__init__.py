"""Gongkai (公开): publish public-security penalty decisions safely."""

__version__ = "0.1.0"
