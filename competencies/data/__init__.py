"""Competence frameworks seeded as data (see `load.py`), each in a module of its own.

What a person must check against the published texts is listed in each module's docstring.
"""
