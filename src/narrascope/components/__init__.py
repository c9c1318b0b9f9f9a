"""Built-in pipeline components; each module registers its components on import."""
