"""The package version, in a leaf module every other module may import without cycles."""

__version__ = "0.3.0"
