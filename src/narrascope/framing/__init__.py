"""Framing analysis: SemEval-2025 Task 10 narratives, entity roles and explanations.

``taxonomy`` loads label sets (the shared-task taxonomy or a user's YAML file), ``semeval``
reads and writes the shared-task formats and computes the official metrics, ``features``
turns articles into vectors, ``narrative_model``/``role_model``/``salience`` hold the linear
heads shipped as safetensors, ``train_narratives``/``train_roles``/``train_salience`` fit and
cross-validate them, ``evaluate`` scores them and ``ship`` writes the shipped models and cards.
"""
