"""plandocs: one catalogue of product plans, rendered into localised help pages with MkDocs."""
