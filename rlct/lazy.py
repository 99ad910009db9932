"""A module imported on first use, so that the common path of the CLI starts without sympy.

``import sympy`` costs about 0.3 s, ten times the rest of a small run.  Modules whose sympy
calls sit off the common path bind ``sympy = LazyModule("sympy")`` instead; the real import
happens at the first attribute access, and each attribute is then cached on the proxy.

>>> m = LazyModule("fractions")
>>> m.Fraction(1, 2)
Fraction(1, 2)
"""
from __future__ import annotations

import importlib


class LazyModule:
    """Stands for the module ``name``; imports it when an attribute is first read."""

    def __init__(self, name: str):
        self.__dict__["_name"] = name

    def __getattr__(self, attr: str):
        value = getattr(importlib.import_module(self.__dict__["_name"]), attr)
        self.__dict__[attr] = value   # later reads skip __getattr__
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self.__dict__['_name']!r}>"
