"""The catalog: typed model, safe loader and the location of the bundled files. No Textual."""

from optout_tui.catalog.loader import CatalogError, Problem, load_catalog, load_platform
from optout_tui.catalog.model import Action, Catalog, LocalText, Platform, Step, Surface

__all__ = ["Action", "Catalog", "CatalogError", "LocalText", "Platform", "Problem", "Step",
           "Surface", "load_catalog", "load_platform"]
