"""plandocs: a YAML catalogue of product plans rendered into localised help pages."""
