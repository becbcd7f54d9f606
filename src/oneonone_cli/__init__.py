"""oneonone: a local-first journal for an engineering manager's 1:1 meetings."""

__version__ = "0.1.0"
