"""Gongkai's web applications (imported as ``gongkai.web``): ``review`` for legal staff."""
