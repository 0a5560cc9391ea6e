"""allywatch: news about defense-industrial cooperation, turned into checkable facts."""

__version__ = "0.1.0"
