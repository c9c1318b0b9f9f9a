"""Model backends behind one-method protocols, loaded lazily and cached per process."""
