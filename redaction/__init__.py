"""Redaction of penalty decisions: a pure library (record in, result out).

Nothing here touches a database, Prefect or the network.
"""
