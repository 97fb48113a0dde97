"""Gongkai's Presidio recognizers, one class per entity kind."""
